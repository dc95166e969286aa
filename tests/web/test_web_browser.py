"""Dashboard in a real browser (Debian chromium-headless-shell via Playwright), offline."""
from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROME = shutil.which("chromium-headless-shell") or "/usr/bin/chromium-headless-shell"
ART = Path(__file__).resolve().parents[2] / "test-artifacts"
pytestmark = pytest.mark.skipif(not Path(CHROME).exists(), reason="chromium-headless-shell not installed "
                                "(run scripts/setup_browser.sh)")


def wait_js(page, expr: str, timeout: float = 5.0) -> None:
    """Wait until ``expr`` is true in the page. Polled from here: Playwright's own
    wait_for_function evaluates a string inside the page, which the pages' CSP (no eval) forbids."""
    end = time.monotonic() + timeout
    while not page.evaluate(expr):
        if time.monotonic() > end:
            raise AssertionError(f"still false after {timeout} s: {expr}")
        page.wait_for_timeout(50)


@pytest.fixture(scope="module")
def server(app):
    import uvicorn
    if app.state.assets_dir is None:
        pytest.skip("node_modules missing (run scripts/setup_browser.sh)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    while not srv.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(5)


def test_dashboard_offline_map_filter_event(server):
    from playwright.sync_api import sync_playwright
    ART.mkdir(exist_ok=True)
    hosts = set()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROME, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = b.new_page()
        page.on("request", lambda r: hosts.add(urlparse(r.url).hostname))
        errs = []
        page.on("pageerror", lambda e: errs.append(str(e)))
        page.goto(server + "/", wait_until="networkidle")
        page.wait_for_timeout(1500)
        assert not errs, errs
        wait_js(page, "document.getElementById('map').dataset.points !== '0'")
        assert int(page.get_attribute("#map", "data-points")) > 0
        assert page.locator(".leaflet-interactive, .marker-cluster").count() > 0
        page.screenshot(path=str(ART / "dashboard.png"), full_page=True)
        n_all = page.locator("#events tbody tr").count()
        page.select_option("#f-event-type", "Battles")
        page.wait_for_url("**event_type=Battles**")
        n_bt = page.locator("#events tbody tr").count()
        assert 0 < n_bt < n_all
        page.locator("#events tbody tr a").first.click()
        page.wait_for_selector(".article-text mark")
        assert page.get_attribute(".article-text", "dir") == "rtl"
        page.screenshot(path=str(ART / "event.png"), full_page=True)
        b.close()
    assert hosts == {"127.0.0.1"}, hosts


def test_timeline_brush_filters_map_and_table_in_place(server):
    """Dragging over the timeline narrows the table and the map without a page load: the URL
    gets since/until (replaceState) and the rows come from the JSON twin."""
    from playwright.sync_api import sync_playwright
    ART.mkdir(exist_ok=True)
    hosts, loads = set(), []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROME, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = b.new_page(viewport={"width": 1200, "height": 900})
        page.on("request", lambda r: hosts.add(urlparse(r.url).hostname))
        page.on("load", lambda _: loads.append(page.url))
        errs = []
        page.on("pageerror", lambda e: errs.append(str(e)))
        page.goto(server + "/", wait_until="networkidle")
        wait_js(page, "document.getElementById('map').dataset.points !== '0'")
        n_rows = page.locator("#events tbody tr").count()
        n_points = int(page.get_attribute("#map", "data-points"))
        total = int(page.text_content("#total"))
        page.evaluate("window.__same_document = true")
        bars = page.locator("#timeline rect.bar")
        n_bars = bars.count()
        assert n_bars >= 4
        first, last = bars.nth(0).bounding_box(), bars.nth(n_bars // 3).bounding_box()
        keys = (bars.nth(0).get_attribute("data-key"), bars.nth(n_bars // 3).get_attribute("data-key"))
        y = page.locator("#timeline").bounding_box()["y"] + 60
        page.mouse.move(first["x"] + 1, y)
        page.mouse.down()
        page.mouse.move(last["x"] + 1, y, steps=5)
        page.mouse.up()
        page.wait_for_url("**since=**until=**")
        wait_js(page, "!document.body.dataset.loading")
        assert not errs, errs
        assert page.evaluate("window.__same_document") is True  # no navigation happened
        assert len(loads) == 1, loads
        url = page.url
        since, until = (url.split(k + "=")[1].split("&")[0] for k in ("since", "until"))
        assert since == keys[0] and until >= keys[1]
        new_total = int(page.text_content("#total"))
        api = page.evaluate(f"fetch('/api/events?since={since}&until={until}&limit=1').then(r => r.json())")
        assert new_total == api["total"] and 0 < new_total < total
        dates = page.locator("#events tbody tr td:first-child bdi").all_text_contents()
        assert len(dates) == min(new_total, 200)
        print(f"brushed {since}..{until}: {total} -> {new_total} events, {n_rows} -> {len(dates)} rows")
        assert all(since <= d <= until for d in dates), dates
        assert int(page.get_attribute("#map", "data-points")) <= min(n_points, new_total)
        assert page.input_value("input[name=since]") == since
        assert f"since={since}" in page.get_attribute("#json-twin", "href")
        page.screenshot(path=str(ART / "dashboard-brushed.png"), full_page=True)
        # double-click: the whole period again, still in place
        page.dblclick("#timeline")
        wait_js(page, f"document.getElementById('total').textContent === '{total}'")
        assert "since=" not in page.url and page.evaluate("window.__same_document") is True
        assert page.locator("#events tbody tr").count() == n_rows
        b.close()
    assert hosts == {"127.0.0.1"}, hosts


def _goto(page, url: str) -> None:
    """page.goto that waits out a navigation the previous click started (a slow machine may
    still be committing it)."""
    from playwright.sync_api import Error
    for attempt in range(3):
        try:
            page.goto(url, wait_until="load")
            return
        except Error as exc:
            if "interrupted by another navigation" not in str(exc) or attempt == 2:
                raise
            page.wait_for_load_state("load")


def _hostile_pages(server, client) -> list[str]:
    """Every page built from the hostile articles: their article and event pages (the one with
    script in its text, title and source included) and the dashboard over them."""
    from webfix import SAFE_URLS, SCRIPT_URLS
    ids = ["hostile-1"] + [f"hostile-url-{i}" for i in range(len(SCRIPT_URLS + SAFE_URLS))]
    pages = ["/?source=Hostile"]
    for aid in ids:
        pages.append(f"/articles/{aid}")
        pages += sorted({f"/events/{r['event_id']}" for r in client.get(f"/articles/{aid}.json")
                         .json()["records"] if r["event_id"]})
    return [server + p for p in pages]


def test_hostile_articles_click_every_link_no_dialog(server, client):
    """Pages built from articles whose URL is javascript:, data:, vbscript: (with case, spaces,
    tabs, newlines and controls mixed in): click every link on each page; no dialog opens, no
    script error, no CSP violation, and only loopback is ever asked for."""
    from playwright.sync_api import sync_playwright
    dialogs, errs, csp, clicked = [], [], [], set()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROME, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        ctx = b.new_context()
        ctx.route(lambda url: not url.startswith(server), lambda route: route.abort())
        page = ctx.new_page()
        page.on("dialog", lambda d: (dialogs.append((page.url, d.message)), d.dismiss()))
        page.on("pageerror", lambda e: errs.append(str(e)))
        page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text
                else None)
        page.goto(server + "/api/health")
        page.evaluate("alert('probe')")  # the listener sees a dialog when there is one
        assert dialogs == [(server + "/api/health", "probe")]
        dialogs.clear()
        for url in _hostile_pages(server, client):
            t0, n0 = time.monotonic(), len(clicked)
            _goto(page, url)
            hrefs = page.eval_on_selector_all("a[href]",
                                              "as => as.map(a => a.getAttribute('href'))")
            assert not any(h.strip().lower().startswith(("javascript", "data", "vbscript"))
                           for h in hrefs), (url, hrefs)
            for i, href in enumerate(hrefs):
                if href in clicked:
                    continue
                clicked.add(href)
                if i:
                    _goto(page, url)
                link = page.locator("a[href]").nth(i)
                try:
                    link.click(timeout=2000)
                except Exception:  # not visible (e.g. behind the map): activate it as a click does
                    link.dispatch_event("click")
                page.wait_for_timeout(100)
                page.wait_for_load_state("load")
            print(url, len(clicked) - n0, round(time.monotonic() - t0, 2))
        b.close()
    assert not dialogs, dialogs
    assert not errs, errs
    assert not csp, csp
    # the safe article URLs are links
    assert any(h.startswith("https://news.example") for h in clicked), clicked
    assert len(clicked) > 20
