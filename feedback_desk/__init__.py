"""Feedback Desk (信息反馈台): the core. Records, rules, exports; never imports Qt."""

__version__ = "0.1.0"
