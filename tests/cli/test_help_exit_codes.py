"""Each command's help names only options it has in its exit codes (``--fail-on``)."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from rrnkit.cli import cli


def commands(group: click.Group, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


STUDY_AND_MHSDS = [c for c in commands(cli, ()) if c and c[0] in ("study", "mhsds", "pseudonymise")]


@pytest.mark.parametrize("path", STUDY_AND_MHSDS, ids=" ".join)
def test_the_exit_codes_in_the_help_name_no_option_the_command_lacks(
    path: tuple[str, ...],
) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], terminal_width=100)
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "Exit codes: 0" in text
    assert "--fail-on" not in text
    assert "2 usage or environment error" in text


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


@pytest.mark.parametrize("path", [c for c in commands(cli, ()) if c], ids=" ".join)
def test_no_help_names_fail_on_unless_the_command_has_it(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], terminal_width=100)
    assert result.exit_code == 0
    options = {o for p in _command(path).params for o in getattr(p, "opts", ())}
    if "--fail-on" in " ".join(result.output.split()):
        assert "--fail-on" in options


def test_export_says_what_its_exit_codes_mean_without_fail_on() -> None:
    result = CliRunner().invoke(cli, ["export", "--help"], terminal_width=100)
    text = " ".join(result.output.split())
    assert "--fail-on" not in text
    assert "Exit codes: 0 every record read was valid; 1 invalid records" in text
    assert "2 usage or environment error" in text


def test_study_and_mhsds_say_what_exit_code_1_means() -> None:
    study = " ".join(CliRunner().invoke(cli, ["study", "measures", "--help"]).output.split())
    assert "1 some input was bad and left out" in study
    mhsds = " ".join(CliRunner().invoke(cli, ["mhsds", "import", "--help"]).output.split())
    assert "1 invalid records or a file that cannot be read in full" in mhsds
