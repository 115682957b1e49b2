"""``GET /metrics``: Prometheus text, aggregated over every worker of the relay.

Two sources, each where it is exact:
- totals the store holds (messages, copies by outcome, bounces, complaints, webhook
  attempts, the queue, per-account rates) are read from the store at scrape time: every
  process and every host on one PostgreSQL sees the same numbers, and they survive restarts;
- what only a process sees (RCPT results and their latency, delivery latency, open SMTP
  connections) is kept with prometheus-client. ``relay serve`` runs it in the library's
  multiprocess mode (``data_dir/metrics``, emptied when the relay starts), so the worker
  that answers a scrape reports the sum over all workers, dead ones' counts included.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import os
import shutil
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
    values,
)
from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from config import Settings
from relay.smtp import replies
from relay.smtp.limit import ConnectionLimit
from storage.engine import Store, StoreUnavailable, utcnow
from storage.metrics import StoreTotals, store_totals

ENVIRONMENT = "PROMETHEUS_MULTIPROC_DIR"


def metrics_dir(settings: Settings) -> Path:
    return settings.data_dir / "metrics"


def enable_multiprocess(directory: Path, *, fresh: bool) -> None:
    """Count in files under ``directory`` that every worker shares (before any metric is
    made). ``fresh``: the process that starts the relay empties it of a previous run."""
    if fresh and directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True, exist_ok=True)
    os.environ[ENVIRONMENT] = str(directory)
    values.ValueClass = values.MultiProcessValue()  # type: ignore[no-untyped-call]


def multiprocess_directory() -> Path | None:
    found = os.environ.get(ENVIRONMENT)
    return Path(found) if found else None


class RelayMetrics:
    """This process's instruments."""

    def __init__(self) -> None:
        shared = multiprocess_directory() is not None
        # In multiprocess mode the values live in the shared files, not in a registry.
        self.registry = None if shared else CollectorRegistry()
        self.rcpt = Counter(
            "relay_rcpt", "RCPT commands by result: accepted or the cause of the refusal",
            ["result"], registry=self.registry,
        )  # fmt: skip
        self.rcpt_seconds = Histogram(
            "relay_rcpt_check_seconds", "Time to answer a RCPT (suppression check included)",
            buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0),
            registry=self.registry,
        )  # fmt: skip
        self.delivery_seconds = Histogram(
            "relay_delivery_seconds", "Time from a message's 250 to the upstream taking a copy",
            buckets=(0.1, 0.5, 1, 5, 30, 60, 300, 1800, 3600, 14400, 86400),
            registry=self.registry,
        )  # fmt: skip
        self.connections = Gauge(
            "relay_smtp_connections", "Open SMTP connections by listener", ["listener"],
            multiprocess_mode="livesum", registry=self.registry,
        )  # fmt: skip

    def rcpt_answered(self, reply: str, seconds: float, *, suppressed: bool) -> None:
        self.rcpt.labels(rcpt_result(reply, suppressed=suppressed)).inc()
        self.rcpt_seconds.observe(seconds)

    async def track_connections(
        self, limits: Mapping[str, ConnectionLimit], stop: asyncio.Event
    ) -> None:
        """Copy this process's open-connection counts into the gauge every second."""
        while not stop.is_set():
            for name, limit in limits.items():
                self.connections.labels(name).set(limit.open)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=1.0)

    def process_text(self) -> bytes:
        """This process's instruments, or every worker's in multiprocess mode."""
        directory = multiprocess_directory()
        if directory is not None:
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry, path=str(directory))  # type: ignore[no-untyped-call]
            return generate_latest(registry)
        assert self.registry is not None
        return generate_latest(self.registry)


def rcpt_result(reply: str, *, suppressed: bool) -> str:
    """The label of a RCPT answer: accepted, suppressed, relay_denied, limits, paused, ..."""
    if reply.startswith("2"):
        return "accepted"
    if suppressed:
        return "suppressed"
    if reply == replies.TOO_MANY_RECIPIENTS:
        return "limits"
    if reply.startswith("451 4.7.1 sending paused"):
        return "paused"
    if reply in (replies.AUTH_REQUIRED, replies.BAD_DESTINATION, replies.RELAY_FORM_REFUSED):
        return "relay_denied"
    if reply.startswith("4"):
        return "unavailable"
    return "bad_address"


class _Totals(Collector):
    def __init__(self, totals: StoreTotals) -> None:
        self._t = totals

    def collect(self) -> Iterator[Metric]:
        t = self._t
        yield _counter("relay_messages_accepted", "Messages accepted (250 to DATA)", t.messages)
        copies = CounterMetricFamily(
            "relay_copies", "Recipient copies by current outcome", labels=["outcome"]
        )
        for status, n in sorted(t.copies.items()):
            copies.add_metric([status], n)
        yield copies
        bounces = CounterMetricFamily(
            "relay_bounces", "Bounces tied to a copy, by reason and kind", labels=["reason", "kind"]
        )
        for (reason, hard), n in sorted(t.bounces.items()):
            bounces.add_metric([reason, "hard" if hard else "soft"], n)
        yield bounces
        parties = CounterMetricFamily(
            "relay_bounces_by_party",
            "The same bounces by whose fault: recipient, sender, transient or undetermined "
            "(the parser could not judge; never suppresses)",
            labels=["party"],
        )
        for party, n in sorted(t.bounces_by_party.items()):
            parties.add_metric([party], n)
        yield parties
        yield _counter(
            "relay_bounces_unverified", "Returned messages tied to no copy", t.unverified_bounces
        )
        yield _counter("relay_complaints", "Complaints (ARF) tied to a copy", t.complaints)
        hooks = CounterMetricFamily(
            "relay_webhook_deliveries", "Webhook delivery attempts by result", labels=["result"]
        )
        for result in ("delivered", "gone", "http_error", "failed"):
            hooks.add_metric([result], t.webhook_attempts.get(result, 0))
        yield hooks
        yield _gauge("relay_webhook_endpoints_disabled", "Disabled endpoints", t.webhook_disabled)
        yield _gauge("relay_webhook_events_waiting", "Events in the outbox", t.webhook_waiting)
        yield _gauge(
            "relay_webhook_oldest_event_seconds",
            "Age of the oldest event in the outbox: how far webhooks are behind",
            t.webhook_oldest_seconds,
        )
        yield _gauge("relay_queue_depth", "Copies in the delivery queue", t.queue_depth)
        yield _gauge(
            "relay_queue_oldest_seconds", "Age of the oldest queued copy", t.queue_oldest_seconds
        )
        for name, pick, text in (
            ("relay_account_bounce_rate", "bounce_rate", "Hard bounces per sent copy"),
            ("relay_account_complaint_rate", "complaint_rate", "Complaints per sent copy"),
        ):
            family = GaugeMetricFamily(
                name, f"{text}, over the account's last guard.window copies", labels=["account"]
            )
            for rates in t.accounts:
                family.add_metric([rates.account], getattr(rates, pick))
            yield family


def _counter(name: str, text: str, value: float) -> CounterMetricFamily:
    return CounterMetricFamily(name, text, value=value)


def _gauge(name: str, text: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, text, value=value)


def _loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _token_ok(request: Request, settings: Settings) -> bool:
    token = settings.metrics.token
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if token is None or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.get_secret_value().encode())


def metrics_route(
    settings: Settings, store: Store, metrics: RelayMetrics
) -> Callable[[Request], Awaitable[Response]]:
    """The handler of ``GET /metrics``."""

    async def scrape(request: Request) -> Response:
        if not _loopback(request) and not _token_ok(request, settings):
            return Response(
                "metrics need the bearer token metrics.token from outside loopback\n",
                status_code=401,
                headers={"www-authenticate": 'Bearer realm="metrics"'},
                media_type="text/plain",
            )
        started = time.perf_counter()
        try:
            async with store.reading() as session:
                totals = await store_totals(session, now=utcnow(), window=settings.guard.window)
        except (StoreUnavailable, OSError) as exc:
            return Response(f"store unavailable: {exc}\n", status_code=503)
        registry = CollectorRegistry()
        registry.register(_Totals(totals))
        took = _gauge("relay_metrics_store_seconds", "Time to read the store's totals",
                      time.perf_counter() - started)  # fmt: skip
        body = generate_latest(registry) + metrics.process_text() + _text(took)
        return Response(body, media_type=CONTENT_TYPE_LATEST)

    return scrape


def _text(family: Metric) -> bytes:
    registry = CollectorRegistry()

    class One(Collector):
        def collect(self) -> Iterator[Metric]:
            yield family

    registry.register(One())
    return generate_latest(registry)


def routes(settings: Settings, store: Store, metrics: RelayMetrics) -> list[Any]:
    return [Route("/metrics", metrics_route(settings, store, metrics), methods=["GET"])]
