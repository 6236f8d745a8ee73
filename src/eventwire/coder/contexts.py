"""Context tags (PLOVER contexts and eventwire issue tags) from keywords."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from eventwire.errors import DataError
from eventwire.yamlfile import load_yaml

DATA = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=4)
def _patterns(path: Path | None = None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    source = path or DATA / "contexts.yaml"
    try:
        raw = load_yaml(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{source}: cannot read the context definitions ({exc})") from exc
    if not isinstance(raw, dict):
        raise DataError(f"{source}: expected `tag: [phrases]` entries")
    compiled = []
    for tag, phrases in raw.items():
        if not isinstance(phrases, list) or not phrases:
            raise DataError(f"{source}: tag {tag!r} needs a non-empty list of phrases")
        alternatives = "|".join(re.escape(str(p)) for p in sorted(phrases, key=len, reverse=True))
        compiled.append((str(tag), re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)))
    return tuple(compiled)


def contexts_for(text: str) -> list[str]:
    """The context tags whose phrases occur in ``text``, in definition order."""
    return [tag for tag, pattern in _patterns() if pattern.search(text)]
