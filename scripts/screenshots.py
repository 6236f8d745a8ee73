"""Take the README's screenshots of the workbench, as a user sees it.

Runs ``eventwire serve`` on the demo database (``make demo`` makes it), opens
the overview and the channels view in Debian's Chromium, headless, through
Playwright, and writes small PNGs (a 256-colour palette) under docs/images/:

    .venv/bin/python scripts/screenshots.py [--db eventwire.db]
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
IMAGES = REPO / "docs" / "images"
CHROMIUM = "/usr/bin/chromium"
#: what is shot: the file name, the page, and the element that shows it is drawn
SHOTS = (("workbench-overview.png", "/?dyad=CHN-USA", "#timeline svg.main-svg"),
         ("workbench-channels.png", "/channels?dyad=CHN-USA", "#channels-chart svg.main-svg"))
VIEWPORT = {"width": 1280, "height": 860}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(db: str, port: int) -> subprocess.Popen[bytes]:
    """``eventwire serve`` in the background, once it answers."""
    server = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", db,
                               "--port", str(port)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/overview", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"eventwire serve stopped (exit {server.returncode})")
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("eventwire serve did not answer within a minute")


def shrink(path: Path) -> None:
    """A palette PNG: screenshots of flat colours lose nothing visible, and shrink a lot."""
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(REPO / "eventwire.db"))
    args = parser.parse_args()
    IMAGES.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = serve(args.db, port)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport=VIEWPORT)
            for name, path, drawn in SHOTS:
                page.goto(f"http://127.0.0.1:{port}{path}")
                page.wait_for_selector(drawn, timeout=30_000)
                page.wait_for_timeout(500)  # the chart's transitions
                target = IMAGES / name
                page.screenshot(path=str(target))
                shrink(target)
                print(f"{target.relative_to(REPO)}: {target.stat().st_size // 1024} KiB")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
