"""The SMTP side of bounce-relay: submission, delivery, the queue, and the ``relay`` command."""
