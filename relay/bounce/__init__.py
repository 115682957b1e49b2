"""The bounce flow: returned mail -> parse -> tie to a sent copy -> record."""
