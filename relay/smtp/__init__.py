"""What both SMTP listeners share: the server protocol, the DATA reader, AUTH throttling,
the command-line rules and every reply text."""
