"""The documentation cannot rot (issue 25): every command and option the README and
docs/ name exists, every command and option is in docs/cli.md, every link and
image points somewhere, and the README stays short."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from eventwire.cli import app

REPO = Path(__file__).resolve().parents[1]
CLI_DOC = REPO / "docs" / "cli.md"
#: docs/codebook.md belongs to the coder's authors and names a command still being
#: built (`eventwire export-training`); every other page is checked
PAGES = [REPO / "README.md", *(p for p in sorted((REPO / "docs").glob("*.md")) if p.name != "codebook.md")]
README_WORDS = 1200
IMAGE_BYTES = 200_000

#: a command line: optional prompt and VAR=value settings, then the program
_INVOCATION = re.compile(r"^\s*(?:\$\s+)?(?:[A-Z_]+=\S+\s+)*(?:\.venv/bin/)?eventwire(?:\s+(?P<rest>.*))?$")
_OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])(?![\w-])")
_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def cli_options() -> dict[str, set[str]]:
    """Every command and the option names it takes (long, short and --no- forms)."""
    group = typer.main.get_command(app)
    commands = getattr(group, "commands", {})
    return {name: {opt for param in command.params if param.param_type_name == "option"
                   for opt in (*param.opts, *param.secondary_opts)} | {"--help"}
            for name, command in commands.items()}


def code_lines(text: str) -> list[str]:
    """The lines of fenced code blocks (continuations joined) and the inline code spans."""
    lines = [line for block in _FENCE.findall(text) for line in block.replace("\\\n", " ").splitlines()]
    prose = _FENCE.sub("", text)
    return lines + re.findall(r"`([^`\n]+)`", prose)


def _command_and_rest(line: str, known: dict[str, set[str]]) -> tuple[str, str] | None:
    """(command, the rest of its line) for a line that runs eventwire, or that
    starts with one of its commands followed by an option (`ingest --workers N`)."""
    line = re.split(r"\s#\s|\s\|\s|\s&&\s|;", line)[0]
    found = _INVOCATION.match(line)
    if found:
        words = (found.group("rest") or "").split(maxsplit=1)
        return (words[0], words[1] if len(words) > 1 else "") if words else ("", "")
    words = line.split(maxsplit=1)
    if len(words) == 2 and words[0] in known and words[1].startswith("-"):
        return words[0], words[1]
    return None


def problems_in(text: str, known: dict[str, set[str]]) -> list[str]:
    """What a page names that the command line does not have."""
    problems = []
    for line in code_lines(text):
        found = _command_and_rest(line, known)
        if found is None:
            continue
        command, rest = found
        if not command or command.startswith("-"):
            options, rest = {"--help"}, f"{command} {rest}"
        elif command.isupper() or command.startswith("["):  # a placeholder: `eventwire COMMAND --help`
            continue
        elif command not in known:
            problems.append(f"`eventwire {command}` is not a command (in: {line.strip()})")
            continue
        else:
            options = known[command]
        for option in _OPTION.findall(rest):
            if option not in options:
                problems.append(f"`eventwire {command}` has no option {option} (in: {line.strip()})")
    return problems


def test_the_checker_finds_what_does_not_exist() -> None:
    known = cli_options()
    page = ("```sh\neventwire events --colour red | head\n.venv/bin/eventwire evnts\n```\n"
            "Run `ingest --wrkers 2`, or `EVENTWIRE_DB=x.db eventwire docs --limit 3 -z`.")
    assert problems_in(page, known) == [
        "`eventwire events` has no option --colour (in: eventwire events --colour red | head)",
        "`eventwire evnts` is not a command (in: .venv/bin/eventwire evnts)",
        "`eventwire ingest` has no option --wrkers (in: ingest --wrkers 2)",
        "`eventwire docs` has no option -z (in: EVENTWIRE_DB=x.db eventwire docs --limit 3 -z)"]
    fine = "```sh\neventwire events --sort -date -- limit\neventwire COMMAND --help\n```\n"
    assert problems_in(fine, known) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_command_and_option_named_exists(page: Path) -> None:
    assert problems_in(page.read_text(encoding="utf-8"), cli_options()) == []


def _sections(text: str) -> dict[str, str]:
    """docs/cli.md's sections by their heading (`## \\`eventwire ingest\\``)."""
    parts = re.split(r"^## `eventwire ([a-z-]+)`\s*$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_command_and_each_of_its_options_is_in_the_cli_reference() -> None:
    sections = _sections(CLI_DOC.read_text(encoding="utf-8"))
    missing = []
    for command, options in cli_options().items():
        if command not in sections:
            missing.append(f"no section `eventwire {command}`")
            continue
        words = set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", sections[command]))
        missing += [f"{command} {option}" for option in sorted(options - {"--help"} - words)]
    assert missing == []
    assert set(sections) <= set(cli_options())  # no section for a command that is gone


def _slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = _FENCE.sub("", page.read_text(encoding="utf-8"))
    return {_slug(h) for h in re.findall(r"^#+\s+(.*)$", text, re.M)}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_link_and_image_points_somewhere(page: Path) -> None:
    broken = []
    for target in _LINK.findall(_FENCE.sub("", page.read_text(encoding="utf-8"))):
        if re.match(r"^[a-z]+:", target):
            continue  # a web address
        path, _, anchor = target.partition("#")
        where = (page.parent / path).resolve() if path else page
        if not where.exists():
            broken.append(target)
        elif anchor and where.suffix == ".md" and anchor not in _anchors(where):
            broken.append(target)
    assert broken == []


def test_the_readme_is_short_and_its_screenshots_small() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(_FENCE.sub("", text).split()) + sum(len(b.split()) for b in _FENCE.findall(text)) < README_WORDS
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(images) >= 2
    for image in images:
        data = (REPO / image).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) < IMAGE_BYTES, image


def test_the_readme_starts_with_the_two_set_up_commands() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = _FENCE.findall(text)[0]
    assert [line.split()[:2] for line in first_block.splitlines()] == [["make", "demo"], ["make", "test"]]
    for needed in ("Python 3.11", "chromium", "postgresql", "root", ".venv/bin/eventwire",
                   ".venv/bin/activate"):
        assert needed in text
