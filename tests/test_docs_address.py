"""One address for the documentation site: the code, the site's config and the package agree."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from rrnkit._internal.site import DOCS_URL
from rrnkit.report import Report, report_to_sarif
from rrnkit.rules.packs import ALL_PACKS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_mkdocs_site_url_is_the_docs_address() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    found = re.search(r"^site_url:\s*(\S+)", text, re.MULTILINE)
    assert found is not None
    assert found.group(1) == DOCS_URL


def test_the_package_names_the_docs_address() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["urls"]["Documentation"] == DOCS_URL


def test_sarif_links_derive_from_the_docs_address() -> None:
    rules = ALL_PACKS.rules
    sarif = report_to_sarif(Report(command="check"), rules)
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == DOCS_URL
    assert driver["rules"]
    assert all(r["helpUri"].startswith(DOCS_URL) for r in driver["rules"])
