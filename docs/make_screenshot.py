"""Make docs/network.png: the bundled actors network as `kommgraph viz` draws it.

    .venv/bin/python docs/make_screenshot.py [--output docs/network.png] [--seed 42]

The page is made by the CLI (no timestamp, fixed seed, in English like this README),
opened from file:// in Debian's headless chromium (Playwright with /usr/bin/chromium, no
`playwright install`) and shot at 1400x900 once the page says it is ready. No network
access is needed or allowed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--headless"]
READY = "() => document.body.dataset.state === 'ready'"


def make_page(folder: Path, seed: int) -> Path:
    page = folder / "network.html"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kommgraph",
            "viz",
            "-o",
            str(page),
            "--network",
            "actors",
            "--seed",
            str(seed),
            "--no-timestamp",
            "--title",
            "kommgraph: who works with whom",
            "--lang",
            "en",
        ],
        check=True,
    )
    return page


def page_ready(tab: Page) -> bool:
    """Whether the network page says it is interactive."""
    return bool(tab.evaluate(READY))


def shoot(
    page: Path, output: Path, width: int, height: int, ready: Callable[[Page], bool] = page_ready
) -> None:
    """Open `page` from disk, wait (60 s at most) until `ready`, check that nothing was asked
    of another origin, and write the screenshot atomically to `output`."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            tab = browser.new_page(viewport={"width": width, "height": height})
            foreign: list[str] = []
            tab.on(
                "request",
                lambda r: foreign.append(r.url) if not r.url.startswith("file:") else None,
            )
            tab.goto(page.as_uri())
            deadline = time.monotonic() + 60
            while not ready(tab):
                if time.monotonic() > deadline:
                    raise SystemExit("the page was not ready within 60 s")
                time.sleep(0.1)
            tab.wait_for_timeout(300)
            if foreign:
                raise SystemExit(f"the page made requests to other origins: {foreign}")
            output.parent.mkdir(parents=True, exist_ok=True)
            temporary = output.with_name(f".{output.name}.tmp.png")
            tab.screenshot(path=str(temporary))
            temporary.replace(output)
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=HERE / "network.png")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        page = make_page(Path(folder), options.seed)
        print(f"page: {page.stat().st_size / 1024:.0f} KiB")
        shoot(page, options.output, options.width, options.height)
    print(f"wrote {options.output}")


if __name__ == "__main__":
    main()
