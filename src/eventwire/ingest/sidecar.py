"""Sidecar metadata: ``report.txt.meta.json`` next to ``report.txt``."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.errors import InputError

logger = logging.getLogger(__name__)

SUFFIX = ".meta.json"
FIELDS = ("published", "title", "url", "source")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Sidecar:
    """Metadata the user wrote for one input file."""

    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None  # the outlet, as in JSON Lines


def is_sidecar(path: Path) -> bool:
    """True for a sidecar file, which is never read as an article."""
    return path.name.endswith(SUFFIX)


def sidecar_path(path: Path) -> Path:
    """Where the sidecar of ``path`` would be."""
    return path.with_name(path.name + SUFFIX)


def load_sidecar(path: Path) -> Sidecar | None:
    """The sidecar of ``path``, None if it has none; InputError if it is unusable."""
    side = sidecar_path(path)
    if not side.is_file():
        return None
    try:
        raw = json.loads(side.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _bad(side, path, f"not valid JSON ({error})") from error
    if not isinstance(raw, dict):
        raise _bad(side, path, "not a JSON object")
    if unknown := sorted(set(raw) - set(FIELDS)):
        # extra fields are tolerated (other tools add their own) but may be typos
        logger.warning("%s: ignoring unknown fields %s (known: %s)", side, ", ".join(unknown),
                       ", ".join(FIELDS))
    return Sidecar(published=_published(raw.get("published"), side, path),
                   **{key: _string(raw, key, side, path) for key in ("title", "url", "source")})


def _published(value: Any, side: Path, path: Path) -> date | None:
    if value is None:
        return None
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _bad(side, path, f'"published" must be a date as YYYY-MM-DD, got {value!r}')


def _string(raw: dict[str, Any], key: str, side: Path, path: Path) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _bad(side, path, f'"{key}" must be a string, got {value!r}')
    return " ".join(value.split()) or None


def _bad(side: Path, path: Path, what: str) -> InputError:
    return InputError(str(side), f"bad sidecar metadata: {what}; fix it "
                                 f"(fields: {', '.join(FIELDS)}); {path.name} was skipped")
