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
from pathlib import Path

from make_screenshot import READY, shoot  # the same browser, checks and atomic write
from playwright.sync_api import Page

HERE = Path(__file__).resolve().parent


def make_site(folder: Path) -> Path:
    site = folder / "site"
    command = [sys.executable, "-m", "kommgraph", "site", "-o", str(site), "--no-timestamp"]
    subprocess.run([*command, "--lang", "en"], check=True)
    return site


def frame_ready(tab: Page) -> bool:
    """Whether the page's embedded network says it is interactive."""
    return any(f.evaluate(READY) for f in tab.frames if f is not tab.main_frame)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=HERE / "site-person.png")
    parser.add_argument("--page", default="person/joern-riedel.html")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1100)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = make_site(Path(folder))
        shoot(site / options.page, options.output, options.width, options.height, frame_ready)
    print(f"wrote {options.output}")


if __name__ == "__main__":
    main()
