"""``pseudonymise`` warns, as ssh does, of a key file that others can read or change."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest
from click.testing import CliRunner

from rrnkit.cli import cli
from rrnkit.pseudonymise import key_file_exposure

EXAMPLES = Path(__file__).parents[2] / "examples"

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def key_file(tmp_path: Path, mode: int) -> Path:
    path = tmp_path / "research.key"
    path.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
    path.chmod(mode)
    return path


def run(key: Path, out: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli,
        ["pseudonymise", str(EXAMPLES / "incidents.jsonl"), "--key-file", str(key), "-o", str(out)],
    )
    return result.exit_code, result.stdout, result.stderr


@posix
@pytest.mark.parametrize(
    ("mode", "exposure"),
    [(0o600, 0), (0o400, 0), (0o700, 0), (0o640, 0o040), (0o644, 0o044), (0o606, 0o006)],
)
def test_the_exposure_is_the_group_and_other_bits(tmp_path: Path, mode: int, exposure: int) -> None:
    # mode bits are read, not access tried, so this holds when tests run as root too
    assert key_file_exposure(key_file(tmp_path, mode)) == exposure


@posix
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o620])
def test_a_key_file_others_can_use_is_used_with_a_warning(tmp_path: Path, mode: int) -> None:
    key = key_file(tmp_path, mode)
    code, out, err = run(key, tmp_path / "research")
    assert code == 0
    assert "warning: the key file" in err
    assert f"chmod 600 {key}" in err
    assert f"permissions {mode & 0o077:03o}" in err
    assert key.read_text(encoding="ascii").strip() not in out + err
    assert (tmp_path / "research" / "incident.jsonl").is_file()


@posix
def test_a_private_key_file_gives_no_warning(tmp_path: Path) -> None:
    code, _, err = run(key_file(tmp_path, 0o600), tmp_path / "research")
    assert code == 0
    assert "warning" not in err


def test_a_missing_key_file_is_still_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run(tmp_path / "absent.key", tmp_path / "research")
    assert code == 2
    assert "cannot read the key file" in err
