"""Small server-rendered SVG charts for the account page: bars of copies sent per day, lines
of the bounce and complaint rates with the guard's warn and pause thresholds drawn across."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup, escape

from storage.history import Interval

WIDTH, HEIGHT, PAD = 600, 160, 28


@dataclass(frozen=True, slots=True)
class Day:
    day: dt.date
    sent: int
    bounce_rate: float
    complaint_rate: float


def daily(rows: list[Interval], start: dt.date, days: int) -> list[Day]:
    """One point per day from ``start`` (days without traffic are zero)."""
    by_day = {row.start: row for row in rows}
    series = []
    for n in range(days):
        day = start + dt.timedelta(days=n)
        row = by_day.get(day.isoformat())
        series.append(
            Day(day, row.sent, row.bounce_rate, row.complaint_rate)
            if row
            else Day(day, 0, 0.0, 0.0)
        )
    return series


def totals(rows: list[Interval]) -> dict[str, float]:
    """The period's sums and its overall rates."""
    sent = sum(r.sent for r in rows)
    bounced = sum(r.bounced_hard + r.bounced_soft for r in rows)
    complaints = sum(r.complaints for r in rows)
    return {
        "sent": sent,
        "bounced": bounced,
        "complaints": complaints,
        "not_sent": sum(r.not_sent for r in rows),
        "bounce_rate": bounced / sent if sent else 0.0,
        "complaint_rate": complaints / sent if sent else 0.0,
    }


def _frame(title: str, body: str) -> Markup:
    label = escape(title)
    # Everything in the drawing is a number, an ISO date or the escaped title.
    return Markup(  # noqa: S704
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{label}">'
        f"<title>{label}</title>"
        f'<line class="axis" x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH}" y2="{HEIGHT - PAD}"/>'
        f"{body}</svg>"
    )


def _x(index: int, count: int) -> float:
    return PAD + (WIDTH - PAD) * (index + 0.5) / max(count, 1)


def _y(value: float, top: float) -> float:
    return HEIGHT - PAD - (HEIGHT - 2 * PAD) * (value / top if top else 0.0)


def bars(series: list[Day], field: str, title: str) -> Markup:
    """A bar per day of ``field``."""
    values = [float(getattr(d, field)) for d in series]
    top = max(values, default=0.0) or 1.0
    width = (WIDTH - PAD) / max(len(series), 1) * 0.7
    parts = [f'<text class="label" x="2" y="{PAD - 8}">{int(top):,}</text>']
    for i, (day, value) in enumerate(zip(series, values, strict=True)):
        y = _y(value, top)
        parts.append(
            f'<rect class="bar" x="{_x(i, len(series)) - width / 2:.1f}" y="{y:.1f}" '
            f'width="{width:.1f}" height="{HEIGHT - PAD - y:.1f}">'
            f"<title>{day.day.isoformat()}: {int(value):,}</title></rect>"
        )
    parts.append(_dates(series))
    return _frame(title, "".join(parts))


def rate_line(series: list[Day], field: str, title: str, thresholds: tuple[float, float]) -> Markup:
    """A line of a rate per day, with the warn and pause thresholds as dashed lines."""
    values = [float(getattr(d, field)) for d in series]
    top = max([*values, thresholds[1] * 1.25])
    points = " ".join(f"{_x(i, len(values)):.1f},{_y(v, top):.1f}" for i, v in enumerate(values))
    parts = [f'<polyline class="line" points="{points}"/>']
    # The warn label at the left end of its line, the pause label at the right: never on top
    # of each other however close the two levels are.
    for name, level, x, anchor in (
        ("warn", thresholds[0], PAD + 4, "start"),
        ("pause", thresholds[1], WIDTH - 4, "end"),
    ):
        y = _y(level, top)
        parts.append(
            f'<line class="threshold {name}" x1="{PAD}" y1="{y:.1f}" x2="{WIDTH}" y2="{y:.1f}"/>'
            f'<text class="label {name}" x="{x}" y="{y - 3:.1f}" text-anchor="{anchor}">'
            f"{name} {level * 100:g}%</text>"
        )
    for i, (day, value) in enumerate(zip(series, values, strict=True)):
        parts.append(
            f'<circle class="dot" cx="{_x(i, len(values)):.1f}" cy="{_y(value, top):.1f}" r="2">'
            f"<title>{day.day.isoformat()}: {value * 100:.2f}%</title></circle>"
        )
    parts.append(_dates(series))
    return _frame(title, "".join(parts))


def _dates(series: list[Day]) -> str:
    if not series:
        return ""
    first, last = series[0].day.isoformat(), series[-1].day.isoformat()
    return (
        f'<text class="label" x="{PAD}" y="{HEIGHT - 8}">{first}</text>'
        f'<text class="label" x="{WIDTH - 4}" y="{HEIGHT - 8}" text-anchor="end">{last}</text>'
    )
