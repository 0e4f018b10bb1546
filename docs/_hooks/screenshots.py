"""Redraw the check page's screenshots in docs/how-to/ from the shipped examples.

Run by hand when the page's look changes (not by mkdocs, not by CI: pixels
depend on the fonts installed):

    .venv/bin/python docs/_hooks/screenshots.py

It writes the page with ``rrnkit check examples/ --as-of 2026-11-28 --format
html``, opens it in the system Chromium (Playwright, ``--no-sandbox``; no
browser is downloaded) at a fixed viewport, and saves two clips as PNGs
reduced to a 64-colour palette, so each stays well under 200 KB.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "how-to"
VIEWPORT = {"width": 1000, "height": 1000}
"""The fixed viewport the clips are taken at (CSS pixels, scale 1)."""


def _write_page(folder: Path) -> Path:
    """Write the examples' check page into ``folder`` and return its path."""
    page = folder / "check.html"
    rrnkit = Path(sys.executable).parent / "rrnkit"
    command = [str(rrnkit), "check", "examples/", "--as-of", "2026-11-28"]
    command += ["--format", "html", "--fail-on", "never", "-o", str(page)]
    subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603 - our own command, fixed arguments
    return page


def _quantise(path: Path) -> None:
    """Reduce a screenshot to a 64-colour palette (text stays sharp; the file shrinks)."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def _clip(page: Any, name: str, *, top: float) -> None:
    """Save 900 pixels of the page from ``top`` as ``docs/how-to/name``."""
    path = OUT / name
    clip = {"x": 0, "y": top, "width": VIEWPORT["width"], "height": 900}
    page.screenshot(path=str(path), clip=clip, full_page=True)
    _quantise(path)
    print(f"{path}: {path.stat().st_size} bytes")


def main() -> None:
    """Write the page, then save the summary clip and the filtered findings clip."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("no chromium on PATH (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = _write_page(Path(folder))
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
        page.goto(page_file.as_uri(), wait_until="load")
        _clip(page, "html-report-summary.png", top=0)
        page.select_option("select[name=severity]", "warning")
        box = page.locator("#findings").bounding_box()
        assert box is not None
        _clip(page, "html-report-findings.png", top=box["y"] - 8)
        browser.close()


if __name__ == "__main__":
    main()
