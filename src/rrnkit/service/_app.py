"""The ASGI application: routes, the front door (request id, token, log), and the limits.

The front door is plain ASGI middleware around the Starlette app, so it sees
every request, even one no route matches: it gives each a request id (the
``X-Request-Id`` header, and the ``instance`` of any problem), checks the
bearer token of ``/v1`` requests before any body is read, turns anything
unexpected into a 500 problem, and logs one line per request: method, path,
status, duration, bytes in and out, request id. Nothing else reaches the log:
no query, no header, no body.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import logging
import threading
import time
import uuid
from collections.abc import AsyncIterator
from typing import IO, Any

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rrnkit.service._problems import ProblemError, problem_response
from rrnkit.service._query import read_query
from rrnkit.service._settings import Settings
from rrnkit.service._work import EXIT_NAMES, Finished, Stopped, run_report, spool

__all__ = ["JSON_LINES_MEDIA_TYPES", "SARIF_MEDIA_TYPE", "create_app"]

LOGGER = logging.getLogger("rrnkit.service")
SARIF_MEDIA_TYPE = "application/sarif+json"
"""Ask for a SARIF log rather than the JSON report with ``Accept: application/sarif+json``."""
JSON_LINES_MEDIA_TYPES = ("application/x-ndjson", "application/jsonl")
"""Media types of a JSON Lines body (one document a line)."""
_BODY_MEDIA_TYPES = ("application/json", *JSON_LINES_MEDIA_TYPES)
_CHUNK = 64 * 1024


class _Slots:
    """Validate and check runs of this worker: at most ``limit`` at once, counted across threads."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.busy = 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self.busy >= self.limit:
                return False
            self.busy += 1
            return True

    def free(self) -> None:
        with self._lock:
            self.busy -= 1


class _Job:
    """One run handed to a worker thread; whoever gives it up last frees its slot and body.

    The request may be given up (time limit, client gone) before its thread
    starts, or while it runs: the thread then either never runs the work, or
    runs it to the next read of the body and stops; the slot is freed once.
    """

    def __init__(self, slots: _Slots, body: IO[bytes]) -> None:
        self._slots = slots
        self._body = body
        self._lock = threading.Lock()
        self._claimed = False
        self._abandoned = False
        self.stop = threading.Event()

    def run(self, query: Any, fmt: str, deadline: float) -> Finished | None:
        with self._lock:
            if self._abandoned:
                return None
            self._claimed = True
        try:
            return run_report(query, self._body, fmt, deadline, self.stop)
        finally:
            self._release()

    def _release(self) -> None:
        self._body.close()
        self._slots.free()

    def abandon(self) -> None:
        """Give the job up from the request's side (the thread frees what it claimed)."""
        self.stop.set()
        with self._lock:
            self._abandoned = True
            claimed = self._claimed
        if not claimed:
            self._release()


def _request_id(request: Request) -> str:
    return str(request.scope.get("rrnkit.request_id", uuid.uuid4()))


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _wants_sarif(request: Request) -> bool:
    for part in request.headers.get("accept", "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if media.lower() == SARIF_MEDIA_TYPE and not any(
            p.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000") for p in params
        ):
            return True
    return False


async def _read_body(request: Request, body: IO[bytes], limit: int) -> None:
    """Spool the request body, refusing it (413) as soon as it passes ``limit`` bytes."""
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ProblemError(
                "body-too-large", f"the body is larger than {limit} bytes, the service's limit"
            )
        body.write(chunk)


async def _report_chunks(report: IO[bytes]) -> AsyncIterator[bytes]:
    try:
        while chunk := report.read(_CHUNK):
            yield chunk
    finally:
        report.close()


def _run_endpoint(check: bool) -> Any:
    async def endpoint(request: Request) -> Response:
        service: _Service = request.app.state.rrnkit
        settings = service.settings
        started = time.monotonic()
        deadline = started + settings.time_limit
        query = read_query(request.query_params.multi_items(), check=check, today=dt.date.today())
        if _media_type(request) not in _BODY_MEDIA_TYPES:
            raise ProblemError(
                "unsupported-media-type",
                f"send the body as one of: {', '.join(_BODY_MEDIA_TYPES)}",
                {"Accept-Post": ", ".join(_BODY_MEDIA_TYPES)},
            )
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > settings.max_body_bytes:
            raise ProblemError(
                "body-too-large",
                f"the body is larger than {settings.max_body_bytes} bytes, the service's limit",
            )
        fmt = "sarif" if _wants_sarif(request) else "json"
        if not service.slots.take():
            raise ProblemError(
                "busy",
                f"this worker is already running {service.slots.limit} requests; try again",
                {"Retry-After": "1"},
            )
        body = spool()
        job = _Job(service.slots, body)
        finished: Finished | None = None
        try:
            try:
                with anyio.fail_after(max(0.0, deadline - time.monotonic())):
                    await _read_body(request, body, settings.max_body_bytes)
                    finished = await _run_watching(request, job, query, fmt, deadline)
            except (TimeoutError, Stopped):
                if job.stop.is_set() and not time.monotonic() > deadline:
                    return Response(status_code=204)  # the client went away: no one to answer
                raise ProblemError(
                    "time-limit",
                    f"the request took longer than {settings.time_limit:g} seconds",
                    {"Retry-After": "1"},
                ) from None
        except ClientDisconnect:
            return Response(status_code=204)  # mid-upload: nothing to answer, the slot is freed
        finally:
            if finished is None:
                job.abandon()
        if finished is None:  # the client went away while its run was under way
            return Response(status_code=204)
        media = SARIF_MEDIA_TYPE if fmt == "sarif" else "application/json"
        headers = {
            "Rrnkit-Exit-Code": str(finished.exit_code),
            "Rrnkit-Exit": EXIT_NAMES.get(finished.exit_code, "failed"),
        }
        return StreamingResponse(_report_chunks(finished.report), media_type=media, headers=headers)

    return endpoint


async def _run_watching(
    request: Request, job: _Job, query: Any, fmt: str, deadline: float
) -> Finished | None:
    """Run the job in a worker thread, stopping it if the client goes away meanwhile."""
    result: list[Finished | None] = [None]

    async with anyio.create_task_group() as group:

        async def watch() -> None:
            while True:
                message = await request.receive()
                if message["type"] == "http.disconnect":
                    job.stop.set()
                    group.cancel_scope.cancel()
                    return

        async def work() -> None:
            result[0] = await anyio.to_thread.run_sync(
                job.run, query, fmt, deadline, abandon_on_cancel=True
            )
            group.cancel_scope.cancel()

        group.start_soon(watch)
        group.start_soon(work)
    return result[0]


class _Service:
    """What the routes share in one worker: the settings and the slots in use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.slots = _Slots(settings.max_in_flight)
        self.ready = False


async def _healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def _readyz(request: Request) -> Response:
    service: _Service = request.app.state.rrnkit
    if not service.ready or service.slots.busy >= service.slots.limit:
        return JSONResponse({"status": "busy" if service.ready else "starting"}, status_code=503)
    return JSONResponse({"status": "ready"})


async def _rules(request: Request) -> Response:
    from rrnkit.rules.catalogue import rule_to_json
    from rrnkit.rules.packs import ALL_PACKS

    return JSONResponse([rule_to_json(rule) for rule in ALL_PACKS.rules])


async def _rule(request: Request) -> Response:
    from rrnkit.rules.catalogue import rule_to_json
    from rrnkit.rules.packs import ALL_PACKS

    rule_id = request.path_params["rule_id"]
    if rule_id not in ALL_PACKS.ids:
        raise ProblemError("not-found", "no rule has this id; GET /v1/rules lists them")
    return JSONResponse(rule_to_json(ALL_PACKS.rule(rule_id)))


async def _schemas(request: Request) -> Response:
    from rrnkit.service._openapi import schema_ids

    base = str(request.base_url).rstrip("/")
    return JSONResponse(
        [
            {"name": name, "id": ident, "url": f"{base}/v1/schemas/{name}"}
            for name, ident in schema_ids().items()
        ]
    )


async def _schema(request: Request) -> Response:
    from rrnkit.service._openapi import schema_ids, schema_text

    name = request.path_params["kind"]
    if name not in schema_ids():
        raise ProblemError("not-found", "no schema has this name; GET /v1/schemas lists them")
    return Response(schema_text(name), media_type="application/schema+json")


async def _openapi(request: Request) -> Response:
    from rrnkit.service._openapi import openapi_text

    service: _Service = request.app.state.rrnkit
    return Response(openapi_text(service.settings.token is not None), media_type="application/json")


async def _problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProblemError)
    return problem_response(exc.problem.name, exc.detail, _request_id(request), exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        return problem_response(
            "method-not-allowed",
            f"this path takes: {headers.get('Allow', headers.get('allow', ''))}",
            _request_id(request),
            headers,
        )
    if exc.status_code == 404:
        return problem_response(
            "not-found", "nothing is served at this path; see /openapi.json", _request_id(request)
        )
    return problem_response("internal-error", "the service failed", _request_id(request))


class _FrontDoor:
    """Request id, bearer token, the one log line, and a 500 problem for anything unexpected."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.token = None if settings.token is None else settings.token.encode("ascii")

    def _authorised(self, scope: Scope) -> bool:
        if self.token is None:
            return True
        for name, value in scope.get("headers", ()):
            if name == b"authorization":
                scheme, _, given = value.partition(b" ")
                return scheme.lower() == b"bearer" and hmac.compare_digest(
                    given.strip(), self.token
                )
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = str(uuid.uuid4())
        scope["rrnkit.request_id"] = request_id
        started = time.perf_counter()
        seen = {"status": 0, "in": 0, "out": 0}
        error: str | None = None

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                seen["in"] += len(message.get("body", b""))
            return message

        async def tagged_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                headers = list(message.get("headers", ()))
                headers.append((b"x-request-id", request_id.encode("ascii")))
                message = {**message, "headers": headers}
            elif message["type"] == "http.response.body":
                seen["out"] += len(message.get("body", b""))
            await send(message)

        try:
            guarded = scope["path"].startswith("/v1/") and scope.get("method") != "OPTIONS"
            if guarded and not self._authorised(scope):
                response = problem_response(
                    "unauthorised",
                    "send the service's token as: Authorization: Bearer TOKEN",
                    request_id,
                    {"WWW-Authenticate": 'Bearer realm="rrnkit"'},
                )
                await response(scope, receive, tagged_send)
            else:
                await self.app(scope, counting_receive, tagged_send)
        except Exception as exc:  # a bug: answer 500 without a traceback or any value
            error = type(exc).__name__
            if not seen["status"]:
                response = problem_response(
                    "internal-error",
                    "the service failed while answering; the request id finds it in the log",
                    request_id,
                )
                await response(scope, receive, tagged_send)
        finally:
            LOGGER.info(
                "%s %s %s %.1fms in=%d out=%d id=%s%s",
                scope.get("method", "-"),
                scope.get("path", "-"),
                seen["status"] or "-",
                (time.perf_counter() - started) * 1000,
                seen["in"],
                seen["out"],
                request_id,
                f" error={error}" if error else "",
            )


async def _internal_error(request: Request, exc: Exception) -> Response:
    return problem_response(
        "internal-error",
        "the service failed while answering; the request id finds it in the log",
        _request_id(request),
    )


def create_app(settings: Settings | None = None) -> Starlette:
    """Return the service as an ASGI application (Starlette), set up by ``settings``.

    Routes: ``POST /v1/validate`` and ``/v1/check``; ``GET /v1/rules``,
    ``/v1/rules/{rule_id}``, ``/v1/schemas``, ``/v1/schemas/{kind}``,
    ``/healthz``, ``/readyz`` and ``/openapi.json``. Every ``/v1`` route
    needs the bearer token when ``settings.token`` is set. Serve it with any
    ASGI server; ``rrnkit serve`` runs it with uvicorn.
    """
    settings = Settings() if settings is None else settings
    service = _Service(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        from rrnkit.service._openapi import openapi_text

        # rules and schemas are loaded before the worker says it is ready
        await anyio.to_thread.run_sync(openapi_text, settings.token is not None)
        service.ready = True
        yield
        service.ready = False

    middleware = []
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", "Accept"],
                expose_headers=["X-Request-Id", "Rrnkit-Exit-Code", "Rrnkit-Exit"],
            )
        )
    app = Starlette(
        routes=[
            Route("/v1/validate", _run_endpoint(False), methods=["POST"]),
            Route("/v1/check", _run_endpoint(True), methods=["POST"]),
            Route("/v1/rules", _rules, methods=["GET"]),
            Route("/v1/rules/{rule_id}", _rule, methods=["GET"]),
            Route("/v1/schemas", _schemas, methods=["GET"]),
            Route("/v1/schemas/{kind}", _schema, methods=["GET"]),
            Route("/healthz", _healthz, methods=["GET"]),
            Route("/readyz", _readyz, methods=["GET"]),
            Route("/openapi.json", _openapi, methods=["GET"]),
        ],
        middleware=middleware,
        exception_handlers={
            ProblemError: _problem,
            HTTPException: _http_error,
            Exception: _internal_error,
        },
        lifespan=lifespan,
    )
    app.state.rrnkit = service
    app.add_middleware(_FrontDoor, settings=settings)  # outermost: sees every request
    return app
