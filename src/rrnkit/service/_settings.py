"""What one service process is set up with: the token, the limits, CORS.

Settings reach uvicorn's worker processes through environment variables
(:meth:`Settings.to_environment`), since each worker imports the app anew: the
token travels as the path of its file, never as its value.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

import attrs

from rrnkit.io import StrPath

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_IN_FLIGHT",
    "DEFAULT_TIME_LIMIT",
    "ENVIRONMENT",
    "Settings",
    "TokenFileError",
    "read_token_file",
    "token_file_exposure",
]

DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024
"""The largest request body accepted (64 MiB), counted as it arrives."""
DEFAULT_TIME_LIMIT = 60.0
"""Seconds a request may take, reading its body included, before it is answered 503."""
DEFAULT_MAX_IN_FLIGHT = 4
"""Validate and check requests one worker runs at once; more are answered 503."""
MIN_TOKEN_CHARS = 16
"""The shortest token accepted: a guessable token is no protection."""

ENVIRONMENT = {
    "token_file": "RRNKIT_SERVICE_TOKEN_FILE",
    "max_body_bytes": "RRNKIT_SERVICE_MAX_BODY_BYTES",
    "time_limit": "RRNKIT_SERVICE_TIME_LIMIT",
    "max_in_flight": "RRNKIT_SERVICE_MAX_IN_FLIGHT",
    "cors_origins": "RRNKIT_SERVICE_CORS_ORIGINS",
}
"""The environment variable each setting is read from by :meth:`Settings.from_environment`."""


class TokenFileError(ValueError):
    """A token file that cannot be used: unreadable, empty, too short, or readable by anyone."""


def token_file_exposure(path: StrPath) -> int:
    """Return the group and other permission bits of a token file (0 when private, or not POSIX).

    As :func:`rrnkit.pseudonymise.key_file_exposure` does for a key file.
    """
    if os.name != "posix":
        return 0
    return stat.S_IMODE(os.stat(path).st_mode) & 0o077


def read_token_file(path: StrPath) -> str:
    """Read the bearer token from ``path`` (its first line, without the line ending).

    Refuses, with :class:`TokenFileError`, a file others than its owner and
    group can read or change (``chmod 600`` makes it private; group bits are
    allowed for a service account's group, and the command line warns of
    them), an empty token, a token shorter than 16 characters, or one with
    characters outside visible ASCII. The messages never show the token.
    """
    try:
        exposure = token_file_exposure(path)
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise TokenFileError(f"cannot read the token file {path}: {exc.strerror}") from None
    if exposure & 0o007:
        raise TokenFileError(
            f"the token file {path} can be read or changed by anyone (permissions "
            f"{exposure:03o} for group and others); make it private: chmod 600 {path}"
        )
    token = raw.split(b"\n", 1)[0].rstrip(b"\r")
    if not token:
        raise TokenFileError(f"the token file {path} holds no token on its first line")
    if not all(0x21 <= b <= 0x7E for b in token):
        raise TokenFileError(
            f"the token in {path} has characters other than visible ASCII (no spaces)"
        )
    if len(token) < MIN_TOKEN_CHARS:
        raise TokenFileError(
            f"the token in {path} is shorter than {MIN_TOKEN_CHARS} characters; make one with: "
            'python -c "import secrets; print(secrets.token_urlsafe(32))" > TOKENFILE'
        )
    return token.decode("ascii")


@attrs.frozen(kw_only=True)
class Settings:
    """How one service process runs: who may call it, and how much it takes on.

    ``token`` is the bearer token every ``/v1`` request must carry (None: no
    token, for a service only its own host can reach); it never shows in a
    ``repr``. ``max_body_bytes`` bounds a request body, counted as it
    arrives; ``time_limit`` (seconds) bounds a request from its first byte to
    its report; ``max_in_flight`` bounds the validate and check requests one
    worker runs at once; ``cors_origins`` lists the origins browsers may call
    from (none: CORS off).
    """

    token: str | None = attrs.field(default=None, repr=False)
    max_body_bytes: int = attrs.field(
        default=DEFAULT_MAX_BODY_BYTES,
        validator=[attrs.validators.instance_of(int), attrs.validators.gt(0)],
    )
    time_limit: float = attrs.field(
        default=DEFAULT_TIME_LIMIT, converter=float, validator=attrs.validators.gt(0.0)
    )
    max_in_flight: int = attrs.field(
        default=DEFAULT_MAX_IN_FLIGHT,
        validator=[attrs.validators.instance_of(int), attrs.validators.gt(0)],
    )
    cors_origins: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    token_file: str | None = None
    """Where the token was read from (carried to worker processes, never the token)."""

    @classmethod
    def from_token_file(cls, path: StrPath | None, **values: object) -> Settings:
        """Return settings whose token is read from ``path`` (no token when None)."""
        if path is None:
            return cls(**values)  # type: ignore[arg-type]
        return cls(token=read_token_file(path), token_file=os.fspath(path), **values)  # type: ignore[arg-type]

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from the ``RRNKIT_SERVICE_*`` variables (:data:`ENVIRONMENT`).

        Unset variables keep the defaults; a malformed value raises ``ValueError``.
        """
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for name, kind in (
            ("max_body_bytes", int),
            ("time_limit", float),
            ("max_in_flight", int),
        ):
            text = env.get(ENVIRONMENT[name])
            if text:
                try:
                    values[name] = kind(text)
                except ValueError:
                    raise ValueError(f"{ENVIRONMENT[name]} is not a number") from None
        origins = env.get(ENVIRONMENT["cors_origins"], "")
        values["cors_origins"] = tuple(o.strip() for o in origins.split(",") if o.strip())
        return cls.from_token_file(env.get(ENVIRONMENT["token_file"]) or None, **values)

    def to_environment(self) -> dict[str, str]:
        """Return the environment variables that give these settings to a worker process.

        Settings with a token but no token file cannot travel (the token is
        never put in the environment): ``ValueError``.
        """
        if self.token is not None and self.token_file is None:
            raise ValueError("a token travels to worker processes only as its file")
        return {
            ENVIRONMENT["token_file"]: self.token_file or "",
            ENVIRONMENT["max_body_bytes"]: str(self.max_body_bytes),
            ENVIRONMENT["time_limit"]: repr(self.time_limit),
            ENVIRONMENT["max_in_flight"]: str(self.max_in_flight),
            ENVIRONMENT["cors_origins"]: ",".join(self.cors_origins),
        }
