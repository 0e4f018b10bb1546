"""HTTP errors as RFC 9457 problem details: what went wrong with a request, never a value.

Every error the service answers is ``application/problem+json`` with the five
members ``type``, ``title``, ``status``, ``detail`` and ``instance``. ``type``
is a ``urn:rrnkit:problem:NAME`` URN (it names the kind of error and resolves
nowhere); ``instance`` is ``urn:uuid:`` and the request id, so an error can be
found in the service's log without the log or the answer holding any of the
request's values.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import attrs
from starlette.responses import Response

__all__ = ["PROBLEMS", "PROBLEM_MEDIA_TYPE", "ProblemError", "ProblemType", "problem_response"]

PROBLEM_MEDIA_TYPE = "application/problem+json"
"""The media type of every error response (RFC 9457)."""


@attrs.frozen
class ProblemType:
    """One kind of HTTP error: its name (in the ``type`` URN), status and title."""

    name: str
    status: int
    title: str

    @property
    def uri(self) -> str:
        """Return the ``type`` member: ``urn:rrnkit:problem:`` and the name."""
        return f"urn:rrnkit:problem:{self.name}"


PROBLEMS = {
    problem.name: problem
    for problem in (
        ProblemType("bad-query-parameter", 400, "A query parameter cannot be used"),
        ProblemType("unauthorised", 401, "A valid bearer token is required"),
        ProblemType("not-found", 404, "Nothing is served at this path"),
        ProblemType("method-not-allowed", 405, "This method is not allowed at this path"),
        ProblemType("body-too-large", 413, "The request body is larger than the service accepts"),
        ProblemType("unsupported-media-type", 415, "The request body's media type is not accepted"),
        ProblemType("internal-error", 500, "The service failed while answering"),
        ProblemType("busy", 503, "The service is running as many requests as it takes"),
        ProblemType("time-limit", 503, "The request took longer than the service's time limit"),
    )
}
"""Every problem type the service answers with, by name."""


class ProblemError(Exception):
    """Raised inside the service to answer with a problem; ``detail`` never holds a value."""

    def __init__(self, name: str, detail: str, headers: Mapping[str, str] | None = None) -> None:
        """Name the problem type, say what was wrong (names only, no values), add any headers."""
        super().__init__(detail)
        self.problem = PROBLEMS[name]
        self.detail = detail
        self.headers = dict(headers or {})


def problem_response(
    name: str, detail: str, request_id: str, headers: Mapping[str, str] | None = None
) -> Response:
    """Return the problem-details response of problem type ``name``."""
    problem = PROBLEMS[name]
    body = {
        "type": problem.uri,
        "title": problem.title,
        "status": problem.status,
        "detail": detail,
        "instance": f"urn:uuid:{request_id}",
    }
    return Response(
        json.dumps(body, ensure_ascii=False) + "\n",
        status_code=problem.status,
        headers=dict(headers or {}),
        media_type=PROBLEM_MEDIA_TYPE,
    )
