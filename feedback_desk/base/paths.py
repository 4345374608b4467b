"""Where the program keeps its files by default (the user's data folder)."""
from __future__ import annotations

from pathlib import Path

APP_NAME = "FeedbackDesk"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's settings folder, shared by the window and the command line."""
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    return data_dir() / "feedback-desk.db"


def demo_database() -> Path:
    return data_dir() / "feedback-desk-demo.db"
