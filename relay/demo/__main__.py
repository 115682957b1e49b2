"""``python -m relay.demo``."""

from relay.demo.walkthrough import main

main()
