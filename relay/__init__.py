"""The SMTP side of bounce-relay, one folder per flow (see docs/architecture.md): smtp/ (what
both listeners share), send/, bounce/, admin/ and cli/, with the process lifecycle beside them."""
