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
