"""The items of the pickers every desk's forms share: people (with their department) and departments."""
from __future__ import annotations

from feedback_desk.base import staff
from feedback_desk.base.models import Staff


def person_label(person: Staff) -> str:
    """How a person shows in a list: the name, and the department in brackets."""
    return person.name + (f" ({person.department.name})" if person.department_id else "")


def people_items() -> list[tuple[int, str]]:
    """(id, label) of everybody on the staff list, for a ChoiceCombo."""
    return [(person.id, person_label(person)) for person in staff.staff_list()]


def department_items() -> list[tuple[int, str]]:
    """(id, name) of every department, for a ChoiceCombo."""
    return [(department.id, department.name) for department in staff.departments()]
