"""Make docs/site-person.png: a person's page of the bundled data as `kommgraph site` writes it.

    .venv/bin/python docs/make_site_screenshot.py [--output docs/site-person.png]
        [--page person/joern-riedel.html]

The site is made by the CLI (no timestamp, in English like this README) into a
temporary folder, the page opened from file:// in Debian's headless chromium
(Playwright with /usr/bin/chromium, no `playwright install`) and shot at 1400x1100
once its embedded network says it is ready. No network access is needed or allowed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--headless"]
READY = "() => document.body.dataset.state === 'ready'"


def make_site(folder: Path) -> Path:
    site = folder / "site"
    command = [sys.executable, "-m", "kommgraph", "site", "-o", str(site), "--no-timestamp"]
    subprocess.run([*command, "--lang", "en"], check=True)
    return site


def shoot(page: Path, output: Path, width: int, height: int) -> None:
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
            while not any(f.evaluate(READY) for f in tab.frames if f is not tab.main_frame):
                if time.monotonic() > deadline:
                    raise SystemExit("the embedded network was not ready within 60 s")
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
    parser.add_argument("--output", type=Path, default=HERE / "site-person.png")
    parser.add_argument("--page", default="person/joern-riedel.html")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1100)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = make_site(Path(folder))
        shoot(site / options.page, options.output, options.width, options.height)
    print(f"wrote {options.output}")


if __name__ == "__main__":
    main()
