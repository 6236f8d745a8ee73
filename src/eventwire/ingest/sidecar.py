"""Sidecar metadata: ``report.txt.meta.json`` next to ``report.txt``."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.ingest.jsontext import JSONRefused, parse_json
from eventwire.ingest.limits import megabytes

logger = logging.getLogger(__name__)

SUFFIX = ".meta.json"
FIELDS = ("published", "title", "url", "source")
#: the largest sidecar read: a few fields of metadata never come near it
MAX_SIDECAR_BYTES = 65_536
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
        with side.open("rb") as stream:  # bounded: a sidecar may be a link to anything
            data = stream.read(MAX_SIDECAR_BYTES + 1)
        if len(data) > MAX_SIDECAR_BYTES:
            raise _bad(side, path, f"over {megabytes(MAX_SIDECAR_BYTES)}, far more than metadata needs")
        raw = parse_json(data.decode("utf-8-sig"))
    except OSError as error:
        raise _bad(side, path, f"cannot be read ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise _bad(side, path, "not valid UTF-8") from error
    except JSONRefused as error:
        raise _bad(side, path, error.reason.removeprefix("is ")) from error
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
    raise _bad(side, path, f'"published" must be a date as YYYY-MM-DD, got {_shown(value)}')


def _string(raw: dict[str, Any], key: str, side: Path, path: Path) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _bad(side, path, f'"{key}" must be a string, got {_shown(value)}')
    return " ".join(value.split()) or None


def _shown(value: Any) -> str:
    """A value for a message: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _bad(side: Path, path: Path, what: str) -> InputError:
    return InputError(str(side), f"bad sidecar metadata: {what}; fix it "
                                 f"(fields: {', '.join(FIELDS)}); {path.name} was skipped")
