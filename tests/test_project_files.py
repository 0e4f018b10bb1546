"""The project files at the repository root agree with the package and with each other.

LICENSE, CITATION.cff, CHANGELOG.md, CONTRIBUTING.md, SECURITY.md and
.pre-commit-hooks.yaml are read as text: the YAML files are checked with
regular expressions over their few keys, so the suite needs no YAML library
(when one happens to be installed, they are also parsed with ``safe_load``).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import re
import shlex
from pathlib import Path

import pytest

import rrnkit
from rrnkit.rules.packs import PACKS

ROOT = Path(__file__).parents[1]

APACHE_2_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30"
"""SHA-256 of the Apache License 2.0 as published (LICENSE-2.0.txt, LF line endings)."""


def text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def top_level_keys(yaml_text: str) -> dict[str, str]:
    """The scalar value of each top-level ``key: value`` line, quotes removed."""
    keys = {}
    for match in re.finditer(r"^([A-Za-z][\w-]*):[ \t]*(.*?)[ \t]*$", yaml_text, re.MULTILINE):
        keys[match[1]] = match[2].strip("\"'")
    return keys


# --------------------------------------------------------------------------- LICENSE


def test_license_is_the_standard_apache_2_text() -> None:
    license_text = text("LICENSE")
    assert "Apache License" in license_text
    assert "Version 2.0, January 2004" in license_text
    assert "END OF TERMS AND CONDITIONS" in license_text
    assert "Copyright [yyyy] [name of copyright owner]" in license_text
    normalised = license_text.replace("\r\n", "\n").encode("utf-8")
    assert hashlib.sha256(normalised).hexdigest() == APACHE_2_SHA256


def test_pyproject_and_installed_metadata_declare_apache_2() -> None:
    declared = re.search(r'^license\s*=\s*"([^"]+)"', text("pyproject.toml"), re.MULTILINE)
    assert declared is not None
    assert declared[1] == "Apache-2.0"
    metadata = importlib.metadata.metadata("rrnkit")
    assert metadata.get("License-Expression", "Apache-2.0") == "Apache-2.0"


# --------------------------------------------------------------------------- CITATION.cff


def test_citation_has_the_required_keys_and_the_package_version() -> None:
    keys = top_level_keys(text("CITATION.cff"))
    assert keys["cff-version"] == "1.2.0"
    assert keys["type"] == "software"
    assert keys["title"] == "rrnkit"
    assert keys["license"] == "Apache-2.0"
    assert keys["message"]
    assert keys["version"] == rrnkit.__version__
    assert re.search(r'^authors:\n  - name: "rrnkit developers"$', text("CITATION.cff"), re.M)


def test_citation_parses_as_yaml() -> None:
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load(text("CITATION.cff"))
    assert data["cff-version"] == "1.2.0"
    assert str(data["version"]) == rrnkit.__version__
    assert data["license"] == "Apache-2.0"
    assert data["authors"] == [{"name": "rrnkit developers"}]
    assert data["abstract"]
    assert data["keywords"]


# --------------------------------------------------------------------------- pre-commit hook


def hook() -> dict[str, str]:
    manifest = text(".pre-commit-hooks.yaml")
    assert manifest.startswith("- id: rrnkit-validate\n"), "one hook, rrnkit-validate, first"
    return top_level_keys(re.sub(r"^(?:- |  )", "", manifest, flags=re.MULTILINE))


def test_hook_has_the_keys_pre_commit_requires() -> None:
    keys = hook()
    assert keys["id"] == "rrnkit-validate"
    assert keys["name"]
    assert keys["language"] == "python"
    assert keys["pass_filenames"] == "true"


def test_hook_entry_is_an_installed_console_script() -> None:
    command, subcommand = shlex.split(hook()["entry"])
    scripts = importlib.metadata.entry_points(group="console_scripts")
    ours = [ep for ep in scripts if ep.name == command]
    assert ours, f"{command} is not an installed console script"
    assert ours[0].value == "rrnkit.cli:main"
    from rrnkit.cli import cli

    assert subcommand in cli.commands


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("a.json", True),
        ("b.jsonl", True),
        ("c.ndjson", True),
        ("examples/incidents.jsonl", True),
        ("d.yaml", False),
        ("e.json.bak", False),
        ("f.jsonx", False),
    ],
)
def test_hook_files_pattern(path: str, matches: bool) -> None:
    # pre-commit matches `files` with re.search against the path.
    assert bool(re.search(hook()["files"], path)) is matches


def test_hook_manifest_parses_as_yaml() -> None:
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load(text(".pre-commit-hooks.yaml"))
    assert [h["id"] for h in hooks] == ["rrnkit-validate"]
    assert hooks[0]["entry"] == "rrnkit validate"
    assert hooks[0]["files"] == hook()["files"]


# --------------------------------------------------------------------------- CHANGELOG.md


def test_changelog_has_an_unreleased_section_first() -> None:
    releases = re.findall(r"^## (.+)$", text("CHANGELOG.md"), re.MULTILINE)
    assert releases, "no release sections"
    assert releases[0] == "[Unreleased]"


def test_changelog_names_every_rule_pack() -> None:
    changelog = text("CHANGELOG.md")
    assert "### Added" in changelog
    assert "### Security" in changelog
    missing = [pack for pack in PACKS if f"`{pack}`" not in changelog]
    assert missing == []


# --------------------------------------------------------------------------- CONTRIBUTING.md


def commands(markdown: str) -> list[str]:
    """Shell commands: lines of ```bash blocks, and inline code that runs something."""
    found = []
    for block in re.findall(r"^```bash\n(.*?)^```", markdown, re.MULTILINE | re.DOTALL):
        found += [line for line in block.splitlines() if line.strip()]
    for span in re.findall(r"(?<!`)`([^`\n]+)`(?!`)", markdown):
        if span.startswith((".venv/bin/", "bash ", "python ")):
            found.append(span)
    return found


def test_contributing_commands_name_files_and_modules_that_exist() -> None:
    found = commands(text("CONTRIBUTING.md"))
    assert any("bash .ci/run" in c for c in found)
    assert any("benchmarks/run.py" in c for c in found)
    missing = []
    for command in found:
        words = shlex.split(command, comments=True)
        for i, word in enumerate(words):
            if word == "-m" and i + 1 < len(words):
                if importlib.util.find_spec(words[i + 1]) is None:
                    missing.append(f"module {words[i + 1]} in: {command}")
            elif (
                "/" in word and not word.startswith((".venv/", "-")) and not (ROOT / word).exists()
            ):
                missing.append(f"{word} in: {command}")
    assert missing == []


@pytest.mark.parametrize(
    "path",
    [
        ".ci/run",
        "benchmarks/run.py",
        "docs/rules.md",
        "schemas/",
        "src/rrnkit/rules/packs/",
        "tests/rules/",
        "tests/test_privacy.py",
        "tests/test_no_network.py",
        "CHANGELOG.md",
        "SECURITY.md",
    ],
)
def test_contributing_mentions_paths_that_exist(path: str) -> None:
    assert f"`{path}`" in text("CONTRIBUTING.md") or path in text("CONTRIBUTING.md")
    assert (ROOT / path).exists()


# --------------------------------------------------------------------------- SECURITY.md


def test_security_states_the_reader_limits() -> None:
    from rrnkit.io import JsonLimits

    security = text("SECURITY.md")
    limits = JsonLimits()
    assert limits.max_record_bytes == 64 * 1024 * 1024
    assert "64 MiB" in security
    assert f"| {limits.max_depth} |" in security
    assert f"{limits.max_string_length:,} characters" in security
    assert f"{limits.max_integer_digits} digits" in security


@pytest.mark.parametrize("name", ["CHANGELOG.md", "CONTRIBUTING.md", "SECURITY.md", "CITATION.cff"])
def test_says_rrnkit_is_not_a_certification_body(name: str) -> None:
    assert "not a certification body" in " ".join(text(name).replace("*", "").split())
