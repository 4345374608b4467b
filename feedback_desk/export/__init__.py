"""Excel output: one module per paper form, the ledgers, the monthly workbook, shared styles.

Every writer builds an openpyxl workbook and hands it to `safe.save_workbook`, which
writes to a temporary file beside the target and moves it into place only when done.
"""
