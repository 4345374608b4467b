"""Feedback Desk (信息反馈台): the core. Records, rules, exports; never imports Qt."""
from feedback_desk.base import server_driver

server_driver.import_peewee()  # before any module of ours imports it: without psycopg until a server opens

__version__ = "0.1.0"
