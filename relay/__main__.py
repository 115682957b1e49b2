"""``python -m relay``: the same as the ``relay`` command."""

from relay.cli.app import main

main()
