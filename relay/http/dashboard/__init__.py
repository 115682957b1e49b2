"""The web dashboard: server-rendered pages for the people who manage bounces, served by the
relay's HTTP listener with its own stylesheet and script (no CDN, no build step)."""

from __future__ import annotations

from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from relay.http.dashboard import hooks, imports, pages, records, signin


def routes() -> list[BaseRoute]:
    """The dashboard's routes (pages under /, assets under /static)."""
    return [
        Route("/login", signin.login_form, methods=["GET"]),
        Route("/login", signin.login, methods=["POST"]),
        Route("/logout", signin.logout, methods=["POST"]),
        Route("/", pages.home, methods=["GET"]),
        Route("/messages/{message_id:path}", pages.message, methods=["GET"]),
        Route("/campaigns/{campaign:path}", pages.campaign, methods=["GET"]),
        Route("/report.csv", pages.report_csv, methods=["GET"]),
        Route("/accounts/{account}", pages.account_page, methods=["GET"]),
        Route("/accounts/{account}/resume", pages.resume_account_form, methods=["POST"]),
        Route("/audit", pages.audit, methods=["GET"]),
        Route("/webhooks", hooks.webhooks_page, methods=["GET"]),
        Route("/webhooks", hooks.add_webhook, methods=["POST"]),
        Route("/webhooks/{endpoint_id:int}/remove", hooks.remove_webhook, methods=["POST"]),
        Route("/webhooks/{endpoint_id:int}/test", hooks.test_webhook, methods=["POST"]),
        Route("/bounces/{bounce_id:int}/raw", pages.bounce_raw, methods=["GET"]),
        Route("/addresses/{address}", records.address_page, methods=["GET"]),
        Route("/addresses/{address}/unbounce", records.unbounce, methods=["POST"]),
        Route("/addresses/{address}/global-unbounce", records.global_unbounce, methods=["POST"]),
        Route("/segments", records.save_segment, methods=["POST"]),
        Route("/suppressions", records.suppressions, methods=["GET"]),
        Route("/suppressions.csv", records.suppressions_csv, methods=["GET"]),
        Route("/suppressions/import", imports.import_csv, methods=["POST"]),
        Mount(
            "/static",
            StaticFiles(packages=[("relay.http.dashboard", "static")]),
            name="static",
        ),
    ]
