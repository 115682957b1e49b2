"""``make demo`` (``python -m relay.demo``): a send → bounce → refused → report → unbounce round
trip on 127.0.0.1, with its own DNS zone and upstream; nothing here runs in the relay itself."""
