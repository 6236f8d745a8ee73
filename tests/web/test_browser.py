"""The dashboard in a real browser (Debian's Chromium, driven by Playwright) on a real
uvicorn server: filter, open evidence, correct, export, chart, script payloads."""

from __future__ import annotations

import csv
import io
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from eventwire.web import create_app
from workbench_data import SECRET, TOKEN

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server(examples_db: Path, tmp_path_factory: pytest.TempPathFactory,
           free_port: Callable[[], int]) -> Iterator[str]:
    """A real server with a token on a copy of the example database."""
    copy = tmp_path_factory.mktemp("browser") / "browser.db"
    copy.write_bytes(examples_db.read_bytes())
    port = free_port()
    config = uvicorn.Config(create_app(str(copy), token=TOKEN), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the uvicorn server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium; "
                    "install it with `make sysdeps` (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  accept_downloads=True)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    opened.on("console", lambda msg: problems.append(f"console: {msg.text}")
              if msg.type == "error" else None)
    opened.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"),
                                        dialog.dismiss()))
    yield opened
    context.close()
    assert problems == []


def test_overview_draws_the_timeline(page: Page, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/?dyad=CHN-USA")
    page.wait_for_selector("#timeline svg.main-svg", timeout=15_000)
    bars = page.locator("#timeline g.barlayer path")
    assert bars.count() > 0
    assert page.locator("#timeline g.scatterlayer path.js-line").count() == 1
    box = page.locator("#timeline svg.main-svg").first.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
    for name in ("actors", "quotes"):
        page.goto(f"{server}/{name}")
        page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
    assert (tmp_path / "overview.png").stat().st_size > 10_000


def test_channels_page_draws_the_channel_chart(page: Page, server: str,
                                                tmp_path: Path) -> None:
    page.goto(f"{server}/channels?dyad=CHN-USA")
    page.wait_for_selector("#channels-chart svg.main-svg", timeout=15_000)
    assert page.locator("#channels-chart g.scatterlayer path.point").count() > 0
    box = page.locator("#channels-chart svg.main-svg").first.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200
    page.screenshot(path=str(tmp_path / "channels.png"), full_page=True)


def test_filter_open_evidence_correct_and_export(page: Page, server: str,
                                                 tmp_path: Path) -> None:
    page.goto(f"{server}/events")
    page.fill("input[name=actor]", "CHN")
    page.fill("input[name=recipient]", "USA")
    page.select_option("select[name=category]", "CONSULT")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**/events?*actor=CHN*")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == int(page.inner_text("#total")) > 0
    for text in rows.all_inner_texts():
        assert "CONSULT" in text and "CHN" in text and "USA" in text
    page.screenshot(path=str(tmp_path / "events.png"), full_page=True)

    first = rows.first
    event_id = first.get_attribute("data-event-id")
    first.locator("td").nth(1).click()  # a row opens its evidence
    page.wait_for_url(f"**/events/{event_id}")
    assert page.locator("#evidence mark.trigger").inner_text().strip()
    page.screenshot(path=str(tmp_path / "event.png"), full_page=True)

    page.click("text=Sign in")
    page.fill("#token", SECRET)
    page.click("#sign-in")
    page.wait_for_url(f"**/events/{event_id}")
    assert "signed in as alice" in page.inner_text("header")
    page.select_option("#correct-form select[name=category]", "THREATEN")
    page.fill("#correct-form input[name=note]", "checked against the article")
    page.click("#save-correction")
    page.wait_for_selector("#history")
    assert page.inner_text("#event-category") == "THREATEN"
    assert "alice" in page.inner_text("#history") and "THREATEN" in page.inner_text("#history")
    page.screenshot(path=str(tmp_path / "corrected.png"), full_page=True)

    page.goto(f"{server}/events?actor=CHN&recipient=USA")
    row = page.locator(f'#events-table tr[data-event-id="{event_id}"]')
    assert "THREATEN" in row.inner_text() and "corrected" in row.inner_text()
    with page.expect_download() as download:
        page.click('a[data-export="csv"]')
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    [mine] = [r for r in csv.DictReader(io.StringIO(exported)) if r["id"] == event_id]
    assert mine["category"] == "THREATEN"


def test_script_payloads_show_as_text_and_run_nothing(page: Page, server: str,
                                                      tmp_path: Path) -> None:
    page.goto(f"{server}/events?actor=CHN&recipient=USA&per_page=500")
    hostile = page.locator("#events-table tr", has_text="Li Hua").first
    hostile.locator("td").nth(1).click()
    page.wait_for_selector("#evidence")
    page.click("#document-link")
    page.wait_for_selector("#article")
    page.mouse.move(200, 300)
    article = page.inner_text("#article")
    assert "<script>window.__pwned=1</script>" in article
    assert '<img src=x onerror="window.__pwned=2">' in article
    assert page.inner_text("#doc-title") == "Ministers meet <script>window.__pwned=1</script>"
    assert page.locator("#article script, #article img, #article b").count() == 0
    for b in page.locator("#article mark").all():
        b.hover()
    page.screenshot(path=str(tmp_path / "document.png"), full_page=True)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto(f"{server}/quotes?speaker=CHN")
    assert "<b onmouseover=window.__pwned=3>never</b>" in page.inner_text("#quotes-list")
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_report_opens_offline_with_its_chart(browser: Browser, examples_db: Path,
                                              tmp_path: Path) -> None:
    from eventwire.report import write_report
    from eventwire.store import open_store

    target = tmp_path / "report.html"
    with open_store(str(examples_db)) as store:
        write_report(store, "CHN-USA", target)
    context = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})
    offline = context.new_page()
    requests: list[str] = []
    offline.on("request", lambda r: requests.append(r.url))
    offline.goto(target.as_uri())
    offline.wait_for_selector("#timeline svg.main-svg", timeout=15_000)
    assert offline.locator("#timeline g.barlayer path").count() > 0
    assert "<script>window.__pwned=1</script>" in offline.inner_text("body")
    assert offline.evaluate("typeof window.__pwned") == "undefined"
    assert requests == [target.as_uri()]  # nothing but the file itself
    offline.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    context.close()


def test_documents_page_searches_and_pages(page: Page, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/documents?per_page=5")
    rows = page.locator("#documents-table tbody tr")
    assert rows.count() == 5 and int(page.inner_text("#total")) > 5
    first = rows.first.get_attribute("data-doc-id")
    page.click("a[rel=next]")
    page.wait_for_url("**/documents?*page=2*")
    assert rows.count() >= 1 and rows.first.get_attribute("data-doc-id") != first
    page.fill("#search input[name=q]", "balloon")
    page.click("#search button[type=submit]")
    page.wait_for_url("**/documents?q=balloon*")
    assert rows.count() >= 1 and "balloon" in rows.first.inner_text().lower()
    page.screenshot(path=str(tmp_path / "documents.png"), full_page=True)
    rows.first.locator("td").nth(1).locator("a").click()
    page.wait_for_url("**/documents/*")
    assert page.locator("mark.event-sentence").count() > 0


def test_actors_page_is_one_table_a_page_long(page: Page, server: str, tmp_path: Path) -> None:
    # it was two narrow columns over 5,500 pixels
    page.goto(f"{server}/actors")
    assert page.locator("table").count() == 1
    assert page.locator("#actors-table tbody tr").count() == 50
    assert page.evaluate("document.documentElement.scrollHeight") < 3000
    page.fill("#search input[name=q]", "CHN MIL")
    page.click("#search button[type=submit]")
    page.wait_for_url("**/actors?q=CHN+MIL*")
    texts = page.locator("#actors-table tbody tr").all_inner_texts()
    assert texts and all("CHN" in t and "MIL" in t for t in texts)
    page.screenshot(path=str(tmp_path / "actors.png"), full_page=True)


def test_the_review_queue_is_driven_by_the_keyboard(page: Page, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/login?next=/review%3Factor%3DCHN")
    page.fill("#token", SECRET)
    page.click("#sign-in")
    page.wait_for_url("**/review?actor=CHN")
    items = page.locator("#queue .queue-item")
    assert items.count() > 4
    decided, remaining = int(page.inner_text("#decided")), int(page.inner_text("#remaining"))
    ids = [items.nth(i).get_attribute("data-id") for i in range(4)]
    assert page.locator(".queue-item.current").get_attribute("data-id") == ids[0]
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.locator(".queue-item.current").get_attribute("data-id") == ids[0]

    page.keyboard.press("a")  # accept the first; the second comes up
    page.wait_for_selector(f'.queue-item[data-id="{ids[0]}"][data-status="accepted"]')
    assert page.locator(".queue-item.current").get_attribute("data-id") == ids[1]
    page.keyboard.press("r")
    page.wait_for_selector(f'.queue-item[data-id="{ids[1]}"][data-status="rejected"]')
    page.keyboard.press("c")  # correct the third
    page.wait_for_selector("#correct-form:not([hidden])")
    current = page.locator(".queue-item.current").get_attribute("data-category")
    page.select_option("#correct-form select[name=category]", "THREATEN" if current != "THREATEN" else "ACCUSE")
    page.click("#save-correction")
    page.wait_for_selector(f'.queue-item[data-id="{ids[2]}"][data-status="corrected"]')
    assert page.inner_text("#decided") == str(decided + 3)
    assert page.inner_text("#remaining") == str(remaining - 3)

    page.keyboard.press("m")  # the fourth item's sentence holds another event too
    page.wait_for_selector("#missed-form:not([hidden])")
    page.select_option("#missed-form select[name=category]", "AID")
    page.fill("#missed-form input[name=actor]", "CHN GOV")  # within the filter: counted on reload too
    page.click("#save-missed")
    page.wait_for_selector(f'.queue-item[data-id="{ids[3]}"] .missed-note')
    assert page.inner_text("#decided") == str(decided + 4)
    page.screenshot(path=str(tmp_path / "queue.png"), full_page=True)

    # every decision is in the audit trail, and the queue moved on
    page.goto(f"{server}/events/{ids[2]}")
    assert "alice" in page.inner_text("#history") and "correct" in page.inner_text("#history")
    page.goto(f"{server}/review?actor=CHN")
    left = {page.locator("#queue .queue-item").nth(i).get_attribute("data-id")
            for i in range(page.locator("#queue .queue-item").count())}
    assert left.isdisjoint(ids[:3]), (left & set(ids), ids)
    assert page.inner_text("#decided") == str(decided + 4)


def test_a_missed_event_is_marked_by_selecting_its_sentence(page: Page, server: str) -> None:
    page.goto(f"{server}/login?next=/documents")
    page.fill("#token", SECRET)
    page.click("#sign-in")
    page.wait_for_url("**/documents")
    page.locator("table a[href^='/documents/']").first.click()
    page.wait_for_selector("#article")
    rows_before = page.locator("table.events tbody tr").count()
    # select the first plain stretch of the article, as an analyst drags over a sentence
    chosen = page.evaluate("""() => {
        const article = document.getElementById("article");
        const node = [...article.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim().length > 40);
        const text = node.textContent;
        const start = text.search(/\\S/);
        const end = text.indexOf(".", start) + 1 || text.length;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        article.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        return text.slice(start, end).trim();
    }""")
    assert page.locator("#missed").get_attribute("open") is not None
    assert page.input_value("#missed-form textarea[name=sentence]") == chosen
    page.select_option("#missed-form select[name=category]", "PROTEST")
    page.fill("#missed-form input[name=actor]", "USA CVL")
    page.click("#save-missed")
    page.wait_for_selector("#article")
    assert page.locator("table.events tbody tr").count() == rows_before + 1
    assert "missed" in page.inner_text("table.events")
