"""``relay serve``: the relay's processes (one, or a supervisor with its workers and the webhook
dispatcher) until SIGTERM or SIGINT."""

from __future__ import annotations

import logging
import os
import sys

import click

from relay.cli.common import settings_of
from relay.logs import use_format
from relay.metrics import enable_multiprocess, metrics_dir
from relay.process import run
from relay.webhooks.process import run as run_dispatcher
from relay.workers import supervise, worker_settings


@click.command()
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
