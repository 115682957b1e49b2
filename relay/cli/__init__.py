"""The ``relay`` command: a thin click layer over relay.admin and storage (see app.py)."""
