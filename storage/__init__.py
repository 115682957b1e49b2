"""The store: every SQL statement of the relay lives in this package."""
