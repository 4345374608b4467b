"""`count_queries` as playhouse has it, but counting only the queries of the thread that asks:
work left running in the background by another test (a window's minute check) is not this
test's cost."""
from __future__ import annotations

import threading

from playhouse import test_utils


class count_queries(test_utils.count_queries):  # noqa: N801 - a drop-in for playhouse's
    def __exit__(self, exc_type, exc_val, exc_tb):
        mine = threading.get_ident()
        self._handler.queries = [q for q in self._handler.queries if q.thread == mine]
        return super().__exit__(exc_type, exc_val, exc_tb)
