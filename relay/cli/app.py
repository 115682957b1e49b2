"""The ``relay`` command: its root group and the list of every command, each in its own module of
relay.cli and imported only when it runs (``relay accounts list`` does not load the SMTP server,
the bounce parser or the HTTP client: about half of a command's start-up)."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

import click

# Every command group and command, named here and nowhere else: name -> "module:attribute".
COMMANDS = {
    "accounts": "relay.cli.accounts:accounts_group",
    "audit": "relay.cli.users:audit_cmd",
    "bounces": "relay.cli.bounces:bounces_group",
    "credentials": "relay.cli.accounts:credentials_group",
    "db": "relay.cli.state:db",
    "domains": "relay.cli.domains:domains_group",
    "global": "relay.cli.users:global_group",
    "queue": "relay.cli.queue:queue_group",
    "report": "relay.cli.report:report_cmd",
    "segments": "relay.cli.segments:segments_group",
    "serve": "relay.cli.serve:serve",
    "status": "relay.cli.state:status_cmd",
    "suppressions": "relay.cli.suppressions:suppressions_group",
    "tokens": "relay.cli.tokens:tokens_group",
    "unbounce": "relay.cli.users:unbounce_cmd",
    "users": "relay.cli.users:users_group",
    "webhooks": "relay.cli.webhooks:webhooks_group",
}


class LazyGroup(click.Group):
    """A group whose commands are imported by name when used (click's own recipe for lazily
    loaded subcommands); ``relay --help`` lists them all, so it imports them all."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module, attribute = COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(module), attribute)
            assert isinstance(command, click.Command), COMMANDS[cmd_name]
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False),
    help="TOML configuration (default: RELAY_CONFIG, else the shipped defaults).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, verbose: int) -> None:
    """bounce-relay: an SMTP relay that stops sending to addresses that hard-bounced."""
    ctx.ensure_object(dict)["config"] = config
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from config import redact_logs

    redact_logs()  # no password of a URL reaches a log line


def main() -> None:
    """Entry point of the ``relay`` console script."""
    cli(prog_name="relay")
