"""Delivery transports (smarthost, MX), all behind the Transport protocol of base.py."""
