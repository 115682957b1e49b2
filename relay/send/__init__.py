"""The send flow: client -> AUTH -> RCPT check -> record -> deliver."""
