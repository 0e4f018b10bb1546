"""``rrnkit serve``: the HTTP service, run with uvicorn."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import click

__all__ = ["serve"]


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. The default answers this machine only; put a reverse proxy "
    "with TLS in front rather than listening on a public address.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes (each runs at most --max-in-flight requests at once).",
)
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File whose first line is the bearer token every /v1 request must carry. Refused "
    "when anyone can read it; make it private with chmod 600.",
)
@click.option(
    "--max-body-bytes",
    type=click.IntRange(min=1),
    default=64 * 1024 * 1024,
    show_default=True,
    help="Largest request body, counted as it arrives (413 past it).",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="Seconds a request may take, its upload included (503 past it).",
)
@click.option(
    "--max-in-flight",
    type=click.IntRange(min=1),
    default=4,
    show_default=True,
    help="Validate and check requests one worker runs at once (503 with Retry-After past it).",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    metavar="ORIGIN",
    help="Let browsers on this origin call the service (repeatable). Default: CORS off.",
)
def serve(
    host: str,
    port: int,
    workers: int,
    token_file: Path | None,
    max_body_bytes: int,
    time_limit: float,
    max_in_flight: int,
    cors_origins: tuple[str, ...],
) -> None:
    """Serve validate and check over HTTP (POST /v1/validate, /v1/check; /openapi.json).

    Reports are those of 'rrnkit validate -' and 'rrnkit check -' for the same
    bytes; logs hold one line per request (method, path, status, duration,
    bytes, request id) and never a document's value. Stops on SIGTERM or
    Ctrl-C after finishing the requests under way. Needs the service extra:
    pip install 'rrnkit[service]'.
    """
    try:
        import uvicorn

        from rrnkit.service import Settings, TokenFileError, token_file_exposure
    except ImportError:
        raise click.UsageError(
            "the service needs Starlette and uvicorn: pip install 'rrnkit[service]'"
        ) from None
    try:
        settings = Settings.from_token_file(
            token_file,
            max_body_bytes=max_body_bytes,
            time_limit=time_limit,
            max_in_flight=max_in_flight,
            cors_origins=cors_origins,
        )
    except TokenFileError as exc:
        raise click.UsageError(str(exc)) from None
    if token_file is not None and token_file_exposure(token_file):
        click.echo(
            f"rrnkit: warning: the token file {token_file} can be read by its group; "
            f"anyone in it can call the service. Make it private: chmod 600 {token_file}",
            err=True,
        )
    if token_file is None and host not in ("127.0.0.1", "::1", "localhost"):
        click.echo(
            f"rrnkit: warning: serving on {host} without --token-file: anyone who can reach "
            "it can call the service",
            err=True,
        )
    os.environ.update(settings.to_environment())  # each worker process reads them
    # uvicorn's logging, plus the service's one line per request (in every worker process)
    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    log_config["formatters"]["service"] = {"format": "%(asctime)s %(name)s %(message)s"}
    log_config["handlers"]["service"] = {
        "formatter": "service",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
    }
    log_config["loggers"]["rrnkit.service"] = {
        "handlers": ["service"],
        "level": "INFO",
        "propagate": False,
    }
    uvicorn.run(
        "rrnkit.service:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # the service logs one line per request, without query or headers
        log_level="info",
        log_config=log_config,
        server_header=False,
        timeout_graceful_shutdown=max(1, int(time_limit) + 5),
    )
