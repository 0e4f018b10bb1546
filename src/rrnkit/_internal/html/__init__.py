"""What rrnkit's HTML pages share: one Jinja2 environment, one base layout, one stylesheet.

Every page rrnkit writes (the check report, the study report) is one
self-contained file: styles inline, no font, script or image fetched from
anywhere, readable with scripts off. Jinja2 autoescapes every value, so text
from a document can never become markup. Jinja2 is an optional dependency
(the ``report`` extra); it is imported only when a page is built.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

__all__ = ["MISSING_EXTRA", "base_css", "environment"]

MISSING_EXTRA = "HTML pages need the optional 'report' extra: pip install 'rrnkit[report]'"
"""The message when Jinja2 (or matplotlib) is not installed."""


@cache
def base_css() -> str:
    """Return the stylesheet every page inlines (screen and print)."""
    return resources.files(__package__).joinpath("base.css").read_text(encoding="utf-8")


def environment(package: str) -> jinja2.Environment:
    """Return a Jinja2 environment for templates in ``package`` (and the shared base layout).

    Autoescaping is on for every template, undefined names fail loudly, and
    whitespace is trimmed. Raises :class:`ImportError` with
    :data:`MISSING_EXTRA` when Jinja2 is not installed.
    """
    try:
        import jinja2
    except ImportError as error:  # pragma: no cover - the report extra is missing
        raise ImportError(MISSING_EXTRA) from error
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.PackageLoader(package, "templates"), jinja2.PackageLoader(__package__)]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["base_css"] = base_css()
    return env
