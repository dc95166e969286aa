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
        page.wait_for_function("document.getElementById('map').dataset.points !== '0'", timeout=5000)
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
        page.wait_for_function("document.getElementById('map').dataset.points !== '0'", timeout=5000)
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
        page.wait_for_function("!document.body.dataset.loading", timeout=5000)
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
        page.wait_for_function(f"document.getElementById('total').textContent === '{total}'", timeout=5000)
        assert "since=" not in page.url and page.evaluate("window.__same_document") is True
        assert page.locator("#events tbody tr").count() == n_rows
        b.close()
    assert hosts == {"127.0.0.1"}, hosts
