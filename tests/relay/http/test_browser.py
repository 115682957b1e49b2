"""The dashboard in a real headless Chromium (Debian's chromium and chromium-driver, driven by
Selenium): sign in, a campaign's Bounced tab with a row expanded, the Unbounce dialog end to end
and its refusal by rule the second time, a viewer without the button, a bounce carrying
<script> shown inert, the suppression filter and its export, CSRF refused.

Selenium blocks, and the app is served on the test's own event loop: every browser step runs
in a thread (``asyncio.to_thread``) so the loop keeps serving. Screenshots of each page go to
``$RELAY_SCREENSHOTS`` when set (docs/screenshots/ keeps a few), else to the test's tmp_path.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from config.settings import WebhookSettings
from relay.admin.unbounce_rules import CONFIRMATION
from relay.webhooks.dispatcher import Dispatcher
from relay.webhooks.secrets import new_secret, seal
from storage import webhooks
from storage.engine import Store, utcnow
from storage.suppressions import suppress
from storage.webhooks import EventType
from tests.relay.http.dash_support import Served, served
from tests.support.api import SETTINGS
from tests.support.dashboard import HOSTILE
from tests.support.webhook_receiver import Receiver

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium "
    "chromium-driver; .ci/run installs them)",
)

if CHROMIUM and DRIVER:
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

T = TypeVar("T")
WAIT = 20  # seconds a page may take on a loaded machine
HOOK_KEY = b"browser-test-key-0123456789abcdef"  # seals the webhook secret of the test


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    assert CHROMIUM is not None
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1200,900", "--no-first-run", "--disable-extensions"):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
async def app(store: Store, browser: WebDriver) -> AsyncIterator[Served]:
    async for running in served(store):
        # cookies are per host, not per port: each test's relay starts signed out
        await asyncio.to_thread(browser.get, running.base_url + "/login")
        await asyncio.to_thread(browser.delete_all_cookies)
        yield running


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("RELAY_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def step(work: Callable[..., T], *args: Any) -> T:
    """One blocking browser step, off the loop that serves the app."""
    return await asyncio.to_thread(work, *args)


def sign_in(driver: WebDriver, base_url: str, token: str) -> None:
    driver.get(base_url + "/login")
    field = driver.find_element(By.ID, "token")
    field.send_keys(token)
    field.submit()
    WebDriverWait(driver, WAIT).until(expected_conditions.url_to_be(base_url + "/"))
    wait_for(driver, "h1")


def submitted(driver: WebDriver, button: Any) -> None:
    """Click a form's button and wait until the answer replaced the page (the old page has
    elements like the new one's: found too early, they go stale under the test)."""
    button.click()

    def gone(_: WebDriver) -> bool:
        try:
            button.is_enabled()
        except WebDriverException:  # stale, or "node does not belong to the document"
            return True
        return False

    WebDriverWait(driver, WAIT).until(gone)


def wait_for(driver: WebDriver, css: str) -> Any:
    return WebDriverWait(driver, WAIT).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, css))
    )


async def test_sign_in_and_expand_a_bounced_row(
    app: Served, browser: WebDriver, shots: Path
) -> None:
    def flow() -> tuple[str, str, bool, str]:
        sign_in(browser, app.base_url, app.tokens["vera"])
        browser.save_screenshot(str(shots / "messages.png"))
        browser.get(app.base_url + "/campaigns/spring?account=acme&tab=sent")
        submitted(browser, browser.find_element(By.ID, "tab-bounced"))
        rows = browser.find_elements(By.CSS_SELECTOR, "tr.row-bounced")
        evil = next(r for r in rows if "evil@x.test" in r.text)
        diagnostic = evil.find_element(By.CSS_SELECTOR, "pre.diagnostic")
        hidden_before = diagnostic.is_displayed()
        evil.find_element(By.TAG_NAME, "summary").click()
        WebDriverWait(browser, WAIT).until(lambda _: diagnostic.is_displayed())
        browser.save_screenshot(str(shots / "campaign-bounced.png"))
        return diagnostic.text, browser.title, hidden_before, evil.text

    text, title, hidden_before, row = await step(flow)
    assert not hidden_before
    assert text == HOSTILE  # the markup is shown as the text it is
    assert title.startswith("Campaign spring")  # the script never ran ("pwned")
    assert "user_unknown" in row
    assert "550" in row


async def test_unbounce_through_the_dialog_then_refused_by_rule(
    app: Served, browser: WebDriver, shots: Path
) -> None:
    page = app.base_url + "/addresses/gone@x.test?account=acme"

    def first() -> tuple[bool, bool, bool, str, str]:
        sign_in(browser, app.base_url, app.tokens["mark"])
        browser.get(page)
        browser.find_element(By.ID, "unbounce-open").click()
        dialog = wait_for(browser, "dialog#unbounce")
        box = browser.find_element(By.ID, "confirm")
        submit = browser.find_element(By.ID, "unbounce-submit")
        focused = browser.switch_to.active_element == box
        disabled_at_first = not submit.is_enabled()
        box.send_keys(CONFIRMATION[:-1])
        still_disabled = not submit.is_enabled()
        rules = dialog.text
        box.send_keys(CONFIRMATION[-1])
        browser.save_screenshot(str(shots / "unbounce-dialog.png"))
        submitted(browser, submit)
        state = wait_for(browser, "#state").text
        return focused, disabled_at_first, still_disabled, rules, state

    focused, disabled, still_disabled, rules, state = await step(first)
    assert focused  # the dialog takes the keyboard to its field
    assert disabled
    assert still_disabled
    assert "only once" in rules
    assert "quota" in rules
    assert "authenticated domain" in rules
    assert state.startswith("Not suppressed for acme")

    async with app.store.transaction() as session:  # it hard-bounces again
        await suppress(
            session, account_id=app.seeded.account.id, address="gone@x.test",
            reason="user_unknown", detail=None, bounce_id=None, now=utcnow(),
        )  # fmt: skip

    def second() -> tuple[str, str]:
        browser.get(page)
        browser.find_element(By.ID, "unbounce-open").click()
        refusal = wait_for(browser, "#refusal").text
        browser.find_element(By.ID, "confirm").send_keys(CONFIRMATION)
        submitted(browser, browser.find_element(By.ID, "unbounce-submit"))
        answer = wait_for(browser, "p.notice.error").text
        return refusal, answer

    refusal, answer = await step(second)
    assert "already unbounced once" in refusal
    assert "already unbounced once" in answer


async def test_the_dialog_closes_with_escape(app: Served, browser: WebDriver) -> None:
    def flow() -> tuple[bool, bool]:
        sign_in(browser, app.base_url, app.tokens["alice"])
        browser.get(app.base_url + "/addresses/gone@x.test?account=acme")
        browser.find_element(By.ID, "unbounce-open").click()
        dialog = wait_for(browser, "dialog#unbounce")
        opened = dialog.is_displayed()
        browser.switch_to.active_element.send_keys(Keys.ESCAPE)
        WebDriverWait(browser, WAIT).until(lambda _: not dialog.is_displayed())
        return opened, dialog.is_displayed()

    opened, after = await step(flow)
    assert opened
    assert not after


async def test_the_dialog_works_from_the_keyboard(app: Served, browser: WebDriver) -> None:
    def focused() -> str:
        return str(browser.switch_to.active_element.get_attribute("id") or "")

    def flow() -> tuple[str, bool, str, bool, str]:
        sign_in(browser, app.base_url, app.tokens["mark"])
        browser.get(app.base_url + "/addresses/gone@x.test?account=acme")
        wait_for(browser, "#unbounce-open")
        for _ in range(40):  # Tab through the page to the button, as a keyboard user would
            if focused() == "unbounce-open":
                break
            browser.switch_to.active_element.send_keys(Keys.TAB)
        reached = focused()
        browser.switch_to.active_element.send_keys(Keys.ENTER)
        dialog = wait_for(browser, "dialog#unbounce")
        in_field = focused()
        browser.switch_to.active_element.send_keys(CONFIRMATION)
        browser.switch_to.active_element.send_keys(Keys.TAB, Keys.TAB)  # Cancel, then Unbounce
        on_submit = focused() == "unbounce-submit"
        browser.switch_to.active_element.send_keys(Keys.ESCAPE)
        WebDriverWait(browser, WAIT).until(lambda _: not dialog.is_displayed())
        return reached, dialog.is_displayed(), in_field, on_submit, focused()

    reached, still_open, in_field, on_submit, back_on = await step(flow)
    assert reached == "unbounce-open"
    assert in_field == "confirm"  # Enter opened it with the keyboard in its field
    assert on_submit  # the typed sentence enabled the button, reachable by Tab
    assert not still_open
    assert back_on == "unbounce-open"  # Escape closed it and gave the focus back


async def test_a_viewer_sees_no_unbounce_button(app: Served, browser: WebDriver) -> None:
    def flow() -> tuple[int, str]:
        sign_in(browser, app.base_url, app.tokens["vera"])
        browser.get(app.base_url + "/addresses/gone@x.test?account=acme")
        state = wait_for(browser, "#state").text
        return len(browser.find_elements(By.ID, "unbounce-open")), state

    buttons, state = await step(flow)
    assert buttons == 0
    assert state == "Suppressed for acme since 2026-11-23: user_unknown 5.1.1"


async def test_filter_suppressions_and_export(app: Served, browser: WebDriver, shots: Path) -> None:
    def flow() -> tuple[str, str]:
        sign_in(browser, app.base_url, app.tokens["alice"])
        browser.get(app.base_url + "/suppressions")
        browser.find_element(By.ID, "f-known").click()
        submitted(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button"))
        browser.save_screenshot(str(shots / "suppressions.png"))
        table = browser.find_element(By.TAG_NAME, "table").text
        return table, str(browser.find_element(By.ID, "export").get_attribute("href"))

    table, export = await step(flow)
    assert "gone@x.test" in table
    assert "spam@x.test" not in table  # a complaint, not a hard bounce
    assert "known=1" in export
    cookie = await step(browser.get_cookie, "relay_session")
    assert cookie is not None
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Strict"
    async with app.client(cookies={"relay_session": cookie["value"]}) as http:
        csv = await http.get(export)
    assert csv.headers["content-type"].startswith("text/csv")
    assert sorted(line.split(",")[0] for line in csv.text.splitlines()[1:]) == [
        "evil@x.test",
        "gone@x.test",
    ]


LINE_UP = """
// The fields of a flex form by line (a line starts where a field is left of the one before).
const rows = [];
let left = Infinity;
for (const field of document.querySelectorAll(arguments[0])) {
  const box = field.getBoundingClientRect();
  if (box.left < left) rows.push([]);
  left = box.left;
  const label = field.querySelector("label");
  const control = field.querySelector("input:not([type=checkbox]), select, button");
  if (!label || !control || field.classList.contains("check")) continue;
  rows[rows.length - 1].push(
    [label.getBoundingClientRect().top, control.getBoundingClientRect().bottom]);
}
return rows.filter((row) => row.length > 0);
"""


async def test_the_suppression_forms_line_up_and_label_every_field(
    app: Served, browser: WebDriver
) -> None:
    def flow() -> tuple[list[Any], list[Any], list[tuple[str, str, bool]]]:
        sign_in(browser, app.base_url, app.tokens["alice"])
        browser.get(app.base_url + "/suppressions")
        filters = browser.execute_script(LINE_UP, "form.filters > div")
        importing = browser.execute_script(LINE_UP, "#import-form > div")
        labelled = []
        for field in browser.find_elements(
            By.CSS_SELECTOR, "#import-form input:not([type=hidden])"
        ):
            name = str(field.get_attribute("name"))
            found = browser.find_elements(
                By.CSS_SELECTOR, f"label[for='{field.get_attribute('id')}']"
            )
            labelled.append(
                (name, found[0].text if found else "", bool(found) and found[0].is_displayed())
            )
        return filters, importing, labelled

    filters, importing, labelled = await step(flow)
    for rows in (filters, importing):
        assert rows
        for row in rows:  # one line of fields: the labels' tops and the controls' bottoms level
            tops, bottoms = [top for top, _ in row], [bottom for _, bottom in row]
            assert max(tops) - min(tops) <= 1, row
            assert max(bottoms) - min(bottoms) <= 1, row
    assert [(name, shown) for name, _, shown in labelled] == [("file", True), ("reason", True)]
    assert {name: text for name, text, _ in labelled}["reason"] == "Reason for rows without one"


async def test_a_form_without_its_csrf_token_is_refused(app: Served, browser: WebDriver) -> None:
    def flow() -> str:
        sign_in(browser, app.base_url, app.tokens["alice"])
        browser.get(app.base_url + "/addresses/gone@x.test?account=acme&unbounce=1")
        browser.execute_script(
            "document.querySelector('#unbounce input[name=csrf_token]').remove()"
        )
        browser.find_element(By.ID, "confirm").send_keys(CONFIRMATION)
        submitted(browser, browser.find_element(By.ID, "unbounce-submit"))
        return str(wait_for(browser, "p.notice.error").text)

    answer = await step(flow)
    assert "security token" in answer


async def test_screenshots_of_the_other_pages(app: Served, browser: WebDriver, shots: Path) -> None:
    def flow() -> list[str]:
        sign_in(browser, app.base_url, app.tokens["alice"])
        titles = []
        for name, path in (
            ("account", "/accounts/acme"),
            ("address", "/addresses/gone@x.test?account=acme"),
            ("audit", "/audit"),
            ("not-found", "/no/such/page"),
            ("campaign-no-bounces", "/campaigns/autumn?account=acme&tab=bounced"),
        ):
            browser.get(app.base_url + path)
            wait_for(browser, "h1")
            browser.save_screenshot(str(shots / f"{name}.png"))
            titles.append(browser.find_element(By.TAG_NAME, "h1").text)
        return titles

    titles = await step(flow)
    assert titles == [
        "Account acme", "Address gone@x.test", "Audit log of acme", "Not found", "Campaign autumn",
    ]  # fmt: skip


async def test_pages_fit_a_phone_width(app: Served, browser: WebDriver, shots: Path) -> None:
    def flow() -> dict[str, tuple[int, int]]:
        sign_in(browser, app.base_url, app.tokens["alice"])
        browser.set_window_size(390, 844)
        widths = {}
        try:
            for name, path in (
                ("campaign", "/campaigns/spring?account=acme&tab=bounced"),
                ("address", "/addresses/gone@x.test?account=acme"),
                ("suppressions", "/suppressions"),
                ("account", "/accounts/acme"),
            ):
                browser.get(app.base_url + path)
                wait_for(browser, "h1")
                browser.save_screenshot(str(shots / f"phone-{name}.png"))
                widths[name] = browser.execute_script(
                    "return [document.documentElement.scrollWidth, window.innerWidth]"
                )
        finally:
            browser.set_window_size(1200, 900)
        return {k: (int(v[0]), int(v[1])) for k, v in widths.items()}

    for name, (content, window) in (await step(flow)).items():
        assert content <= window, f"{name}: {content}px of content in a {window}px window"


async def test_import_a_csv_list_with_progress(
    app: Served, browser: WebDriver, tmp_path: Path, shots: Path
) -> None:
    listed = tmp_path / "list.csv"
    listed.write_text("address\n" + "".join(f"imp{n}@x.test\n" for n in range(500)))

    def flow() -> tuple[str, str | None]:
        sign_in(browser, app.base_url, app.tokens["alice"])
        browser.get(app.base_url + "/suppressions")
        browser.find_element(By.ID, "import-file").send_keys(str(listed))
        browser.find_element(By.CSS_SELECTOR, "#import-form button").click()
        added = wait_for(browser, "#imported").text
        browser.save_screenshot(str(shots / "imported.png"))
        return added, browser.find_element(By.TAG_NAME, "h1").text

    added, heading = await step(flow)
    assert added == "500"
    assert heading == "Import of list.csv for acme"


async def test_send_a_test_event_and_see_it_in_the_delivery_log(
    app: Served, browser: WebDriver, shots: Path
) -> None:
    receiver = Receiver(secret=new_secret())
    receiver.start()
    try:
        assert receiver.secret is not None
        async with app.store.transaction() as session:
            endpoint_id = await webhooks.add_endpoint(
                session, account_id=app.seeded.account.id, url=receiver.url,
                sealed_secret=seal(receiver.secret, HOOK_KEY), events=[EventType.MESSAGE_BOUNCED],
                now=utcnow(),
            )  # fmt: skip
        card = f"section[aria-labelledby=e{endpoint_id}]"

        def click() -> str:
            sign_in(browser, app.base_url, app.tokens["alice"])
            browser.get(app.base_url + "/webhooks?account=acme")
            button = browser.find_element(By.CSS_SELECTOR, f"{card} form[action$='/test'] button")
            submitted(browser, button)
            return str(wait_for(browser, "#test-sent").text)

        notice = await step(click)
        # The dispatcher `relay serve` runs, for one pass: the event went through the outbox.
        settings = SETTINGS.model_copy(update={"webhooks": WebhookSettings(allow_private=True)})
        dispatcher = Dispatcher(settings, app.store, HOOK_KEY)
        async with dispatcher.client() as client:
            assert await dispatcher.deliver_due(client) == 1

        def logged() -> str:
            browser.refresh()
            row = wait_for(browser, f"{card} tbody tr")
            browser.save_screenshot(str(shots / "webhooks.png"))
            return str(row.text)

        row = await step(logged)
    finally:
        receiver.stop()
    [arrival] = receiver.arrivals
    assert arrival.type == "webhook.test"
    assert arrival.webhook_id in notice
    assert arrival.data["sent_by"] == "alice"
    assert "webhook.test" in row
    assert "204" in row
