"""Every window fits the screen it opens on: the rule is a 1366×768 hotel PC with a taskbar.

A window asks for the size it would like; it gets at most the screen's free area (less room for
the window manager's border and title bar) and is moved inside that area.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

FRAME = QSize(8, 40)  # what a window manager adds around a window: borders and a title bar


def free_area(widget: QWidget | None = None) -> QRect:
    """The screen's area less the taskbar (Qt's available geometry) of the widget's screen."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def room(widget: QWidget | None = None) -> QSize:
    """The largest window size (without its frame) that fits the free area."""
    free = free_area(widget)
    return QSize(free.width() - FRAME.width(), free.height() - FRAME.height())


def outer(widget: QWidget) -> QRect:
    """The window with its frame; before a window manager framed it, with room for one."""
    frame = widget.frameGeometry()
    if frame.size() != widget.geometry().size():
        return frame
    return QRect(frame.x(), frame.y(), frame.width() + FRAME.width(), frame.height() + FRAME.height())


def fits(widget: QWidget) -> bool:
    """Whether the whole window, frame included, lies on the free area."""
    return free_area(widget).contains(outer(widget))


def fit(widget: QWidget, width: int | None = None, height: int | None = None) -> None:
    """Resize `widget` to the size asked (or its own), at most the room the screen has, and
    move it inside the free area."""
    wanted = QSize(width or widget.width(), height or widget.height())
    widget.resize(wanted.boundedTo(room(widget)))
    place_inside(widget)


def place_inside(widget: QWidget) -> None:
    """Centre the window on the free area if any part of it lies outside."""
    free, rect = free_area(widget), outer(widget)
    if free.contains(rect):
        return
    widget.move(free.x() + max(0, (free.width() - rect.width()) // 2),
                free.y() + max(0, (free.height() - rect.height()) // 2))  # move() places the frame


class FittingDialog(QDialog):
    """A dialog that fits the screen whenever it is shown, however large it asked to be."""

    def showEvent(self, event) -> None:
        fit(self)
        super().showEvent(event)
