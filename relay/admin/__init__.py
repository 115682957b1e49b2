"""The rules behind every operator action, whichever way it comes in (CLI or HTTP).

No click and no SQL here: the callers own the session, storage owns the statements.
"""
