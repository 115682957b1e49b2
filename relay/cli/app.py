"""The ``relay`` command: its root group, ``serve``, ``db`` and ``status``, and the list of
every other command group (each in its own module of relay.cli)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from config import (
    redact_logs,
)
from relay import status
from relay.cli import (
    accounts,
    bounces,
    dashboard,
    domains,
    queue,
    report,
    segments,
    suppressions,
    tokens,
    users,
    webhooks,
)
from relay.cli.common import Failure, emit, format_options, settings_of, with_store
from relay.logs import use_format
from relay.metrics import enable_multiprocess, metrics_dir
from relay.process import run
from relay.webhooks.process import run as run_dispatcher
from relay.workers import supervise, worker_settings
from storage.schema import upgrade


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    redact_logs()  # no password of a URL reaches a log line


@cli.command()
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Relay processes sharing the listening ports (SO_REUSEPORT) and the store "
    "[default: server.workers, itself 'auto': one per usable core].",
)
# set by the supervisor for each of its workers: share the ports, and 1/N of the connections
@click.option("--worker-of", type=click.IntRange(1, 64), default=None, hidden=True)
@click.option("--supervisor", type=int, default=None, hidden=True)  # its pid, for the worker
# set by the supervisor for the webhook dispatcher's process (relay.webhooks.process)
@click.option("--dispatcher", is_flag=True, default=False, hidden=True)
@click.pass_context
def serve(
    ctx: click.Context,
    workers: int | None,
    worker_of: int | None,
    supervisor: int | None,
    dispatcher: bool,
) -> None:
    """Run the relay until SIGTERM or SIGINT."""
    settings = settings_of(ctx)
    use_format(settings.log.format)
    if logging.getLogger().level > logging.INFO:
        logging.getLogger().setLevel(logging.INFO)
        logging.getLogger("mail.log").setLevel(logging.WARNING)
    # Every worker counts in the same files; the process that starts the relay empties them.
    enable_multiprocess(metrics_dir(settings), fresh=worker_of is None and not dispatcher)
    if dispatcher and supervisor is not None:
        sys.exit(run_dispatcher(settings, supervisor=supervisor))
    if worker_of is not None:
        sys.exit(run(worker_settings(settings, worker_of), supervisor=supervisor))
    count = workers or settings.server.worker_count
    if count > 1:
        config = ctx.ensure_object(dict).get("config")
        base = [*(["--config", str(config)] if config else []), "serve"]
        supervised_by = ("--supervisor", str(os.getpid()))
        argv = [*base, "--worker-of", str(count), *supervised_by]
        dispatching = [*base, "--dispatcher", *supervised_by]
        sys.exit(supervise(settings, count, argv, dispatching))
    sys.exit(run(settings))


@cli.group()
def db() -> None:
    """The store's schema."""


@db.command("upgrade")
@click.pass_context
def db_upgrade(ctx: click.Context) -> None:
    """Bring the schema to this version (creates it in an empty database)."""
    with_store(ctx, upgrade, schema=False)
    click.echo("schema is up to date")


@cli.command("status")
@format_options
@click.pass_context
def status_cmd(ctx: click.Context, as_json: bool, as_csv: bool) -> None:
    """Open connections of each running relay process, per listener, and the total."""
    settings = settings_of(ctx)
    states = status.read_states(settings.data_dir, max_age=3 * settings.server.status_interval)
    rows: list[tuple[object, ...]] = []
    totals: dict[str, list[int]] = {}
    for state in states:
        for name, listener in state.listeners.items():
            rows.append((state.pid, name, listener.open, listener.limit, listener.refused))
            total = totals.setdefault(name, [0, 0, 0])
            for n, value in enumerate((listener.open, listener.limit, listener.refused)):
                total[n] += value
    if len(states) > 1 or as_json or as_csv:
        rows += [("total", name, *values) for name, values in totals.items()]
    emit(("process", "listener", "open", "limit", "refused"), rows, as_json=as_json, as_csv=as_csv)
    if not states:
        raise Failure(f"no running relay writes its state under {settings.data_dir}")


# Every command group and command, added here and nowhere else.
for command in (
    accounts.accounts_group,
    accounts.credentials_group,
    domains.domains_group,
    queue.queue_group,
    bounces.bounces_group,
    report.report_cmd,
    suppressions.suppressions_group,
    segments.segments_group,
    users.users_group,
    users.audit_cmd,
    users.unbounce_cmd,
    users.global_group,
    tokens.tokens_group,
    webhooks.webhooks_group,
):
    cli.add_command(command)
users.users_group.add_command(dashboard.users_password)


def main() -> None:
    """Entry point of the ``relay`` console script."""
    cli(prog_name="relay")
