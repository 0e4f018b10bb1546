"""rrnkit as an HTTP service: validation and cited compliance checks for care systems.

``rrnkit serve`` runs it with uvicorn; :func:`create_app` returns the ASGI
application (Starlette) for any other ASGI server, and ``rrnkit.service:app``
is one built from the ``RRNKIT_SERVICE_*`` environment variables
(:data:`ENVIRONMENT`), made on first use::

    uvicorn rrnkit.service:app --host 127.0.0.1 --port 8000

``POST /v1/validate`` and ``POST /v1/check`` answer with exactly the report
``rrnkit validate -`` and ``rrnkit check -`` write for the same bytes on
standard input; the exit code they would give is in the ``Rrnkit-Exit-Code``
and ``Rrnkit-Exit`` response headers (the report's schema is unchanged).
Errors of the request itself are RFC 9457 problem details. The description
is at ``/openapi.json`` (:func:`openapi`). Starlette and uvicorn (the
``service`` extra) are imported only by this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rrnkit.service._app import JSON_LINES_MEDIA_TYPES, SARIF_MEDIA_TYPE, create_app
from rrnkit.service._openapi import OPENAPI_VERSION, openapi
from rrnkit.service._problems import PROBLEM_MEDIA_TYPE, PROBLEMS, ProblemType
from rrnkit.service._settings import (
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_IN_FLIGHT,
    DEFAULT_TIME_LIMIT,
    ENVIRONMENT,
    Settings,
    TokenFileError,
    read_token_file,
    token_file_exposure,
)
from rrnkit.service._work import EXIT_NAMES

if TYPE_CHECKING:
    from starlette.applications import Starlette

    app: Starlette
    """The service built from the environment's settings (:meth:`Settings.from_environment`)."""

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_IN_FLIGHT",
    "DEFAULT_TIME_LIMIT",
    "ENVIRONMENT",
    "EXIT_NAMES",
    "JSON_LINES_MEDIA_TYPES",
    "OPENAPI_VERSION",
    "PROBLEMS",
    "PROBLEM_MEDIA_TYPE",
    "SARIF_MEDIA_TYPE",
    "ProblemType",
    "Settings",
    "TokenFileError",
    "app_from_environment",
    "create_app",
    "openapi",
    "read_token_file",
    "token_file_exposure",
]

_built: list[Any] = []


def app_from_environment() -> Starlette:
    """Return a new app set up from the ``RRNKIT_SERVICE_*`` environment variables.

    The factory ``rrnkit serve`` gives uvicorn, so every worker process reads
    the same settings (the token from its file) when it starts.
    """
    return create_app(Settings.from_environment())


def __getattr__(name: str) -> Any:
    """Build ``app`` on first use, from the environment's settings."""
    if name == "app":
        if not _built:
            _built.append(app_from_environment())
        return _built[0]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
