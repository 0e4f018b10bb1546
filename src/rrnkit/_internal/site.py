"""The documentation site's address: one constant, which everything that links to it reads.

SARIF's ``informationUri`` and each rule's ``helpUri`` derive from it; the
same address is ``site_url`` in ``mkdocs.yml`` and ``Documentation`` under
``[project.urls]`` in ``pyproject.toml`` (a test keeps the three equal).
The address is a placeholder until the maintainers confirm where the site is
published.
"""

from __future__ import annotations

from typing import Final

__all__ = ["DOCS_URL"]

DOCS_URL: Final = "https://docs.rrnkit.org/"
"""The documentation site, ending in ``/`` (a placeholder the maintainers must confirm)."""
