"""Signed webhooks: the endpoints' secrets, the SSRF guard, and the dispatcher."""
