"""Every code sample in docs/ runs, page by page (one test per page).

Conventions (also in CONTRIBUTING.md, "Code samples in the documentation"):

- Each page runs in a fresh temporary directory holding a copy of the
  repository's ``examples/`` folder as ``examples/``.
- ```python blocks on one page run in order, in one namespace.
- ```console blocks: each line beginning with ``$ `` is a command run with
  bash in that directory, with the virtual environment's ``bin`` first on
  ``PATH`` and ``RRNKIT_REPO`` set to the repository root. A command line
  ending in ``\\`` continues on the next line. Other lines are output, shown
  to the reader and not compared. Each command must exit 0.
- ``<!-- expect: exit N -->`` on the line before a block (blank lines
  allowed between) means each of its commands must exit N instead.
- ``<!-- docs-test: skip -->`` there means the block is not run.
- Other fences (json, text, yaml, bash, ...) are never run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import traceback
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
BIN = Path(sys.executable).parent
COMMAND_TIMEOUT = 600

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\s`]*)")
_EXPECT = re.compile(r"^<!--\s*expect:\s*exit\s+(?P<code>\d+)\s*-->$")
_SKIP = re.compile(r"^<!--\s*docs-test:\s*skip\s*-->$")


@attrs.frozen
class Block:
    """One fenced code block of a page."""

    language: str
    code: str
    line: int
    """1-based line of the block's first code line in the page."""
    expect: int = 0
    skip: bool = False


def blocks(text: str) -> list[Block]:
    """Every fenced block of a Markdown page, with the marker on the line before it."""
    lines = text.splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match is None:
            i += 1
            continue
        indent, fence = match["indent"], match["fence"]
        language = match["info"].lstrip("{.").split(".")[0].rstrip("}").lower()
        marker = next((line.strip() for line in reversed(lines[:i]) if line.strip()), "")
        start = i + 1
        j = start
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        while j < len(lines) and not closing.match(lines[j]):
            j += 1
        body = [line[len(indent) :] if line.startswith(indent) else line for line in lines[start:j]]
        expect = _EXPECT.match(marker)
        found.append(
            Block(
                language=language,
                code="\n".join(body) + "\n",
                line=start + 1,
                expect=int(expect["code"]) if expect else 0,
                skip=_SKIP.match(marker) is not None,
            )
        )
        i = j + 1
    return found


def commands(block: Block) -> list[tuple[int, str]]:
    """The ``$ `` commands of a console block, with their line numbers in the page."""
    found: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for offset, line in enumerate(block.code.splitlines()):
        number = block.line + offset
        if pending is not None:
            first, command = pending
            command += "\n" + line
            if line.endswith("\\"):
                pending = (first, command)
            else:
                found.append((first, command))
                pending = None
        elif line.startswith("$ "):
            command = line[2:]
            if command.endswith("\\"):
                pending = (number, command)
            else:
                found.append((number, command))
    if pending is not None:
        found.append(pending)
    return found


def pages() -> list[Path]:
    found = sorted(p for p in DOCS.rglob("*.md") if "_hooks" not in p.relative_to(DOCS).parts)
    return [ROOT / "README.md", *found]  # the README's samples are held to the same bar


def _page_id(path: Path) -> str:
    return str(path.relative_to(ROOT if path.parent == ROOT else DOCS))


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run_python(page: str, block: Block, namespace: dict[str, object]) -> None:
    # Pad with blank lines so tracebacks give the line numbers of the page itself.
    source = "\n" * (block.line - 1) + block.code
    failure = None
    try:
        exec(compile(source, page, "exec"), namespace)
    except Exception:
        failure = traceback.format_exc()
    if failure is not None:
        pytest.fail(
            f"{page}: the python block at line {block.line} failed:\n{failure}", pytrace=False
        )


def _run_console(page: str, block: Block, cwd: Path) -> None:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "RRNKIT_REPO": str(ROOT),
        "VIRTUAL_ENV": str(BIN.parent),
    }
    env.pop("PYTHONPATH", None)
    for number, command in commands(block):
        try:
            done = subprocess.run(
                ["bash", "-c", command],
                cwd=cwd,
                env=env,
                capture_output=True,
                text=True,
                timeout=COMMAND_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"{page}:{number}: `{command}` timed out", pytrace=False)
        if done.returncode != block.expect:
            pytest.fail(
                f"{page}:{number}: `{command}` exited {done.returncode}, expected {block.expect}\n"
                f"--- stdout\n{done.stdout[-4000:]}\n--- stderr\n{done.stderr[-4000:]}",
                pytrace=False,
            )


@pytest.mark.parametrize("path", pages(), ids=_page_id)
def test_docs_page_samples_run(path: Path, workdir: Path) -> None:
    page = str(path.relative_to(ROOT))
    namespace: dict[str, object] = {"__name__": "__docs__"}
    ran = 0
    for block in blocks(path.read_text(encoding="utf-8")):
        if block.skip:
            continue
        if block.language in ("python", "py"):
            _run_python(page, block, namespace)
            ran += 1
        elif block.language == "console":
            _run_console(page, block, workdir)
            ran += 1
    if ran == 0:
        pytest.skip("no runnable samples")


# --------------------------------------------------------------------------- the parser itself


def test_blocks_reads_markers_indents_and_languages() -> None:
    text = "\n".join(
        [
            "<!-- expect: exit 1 -->",
            "",
            "```console",
            "$ false",
            "output",
            "```",
            "<!-- docs-test: skip -->",
            "```python",
            "raise SystemExit",
            "```",
            '=== "Tab"',
            "",
            "    ```python",
            "    x = 1",
            "    ```",
            "```json",
            "{}",
            "```",
        ]
    )
    found = blocks(text)
    assert [(b.language, b.expect, b.skip, b.line) for b in found] == [
        ("console", 1, False, 4),
        ("python", 0, True, 9),
        ("python", 0, False, 14),
        ("json", 0, False, 17),
    ]
    assert found[2].code == "x = 1\n"
    assert commands(found[0]) == [(4, "false")]


def test_commands_join_continued_lines() -> None:
    block = Block(language="console", code="$ echo a \\\n  b\nout\n$ true\n", line=10)
    assert commands(block) == [(10, "echo a \\\n  b"), (13, "true")]


def _fenced(text: str, after: str) -> str:
    """Return the body of the first fenced block after the line ``after``."""
    rest = text.split(after, 1)[1]
    return rest.split("```", 2)[1].split("\n", 1)[1]


def test_the_quick_start_page_shows_the_readme_quick_start() -> None:
    """The docs page's skipped install block is exactly what CI runs from the README."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    page = (DOCS / "quick-start.md").read_text(encoding="utf-8")
    assert _fenced(page, "<!-- docs-test: skip -->") == _fenced(readme, "<!-- quickstart -->")
