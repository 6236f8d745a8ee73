"""The catalogue of bilateral military communication channels (``data/channels.yaml``).

Packaged entries are merged with user files given as arguments or in
``$EVENTWIRE_CHANNELS`` (paths separated by ``os.pathsep``); a user entry with
an existing id replaces the packaged one.  Every entry is validated on load and
a bad one raises :class:`~eventwire.errors.DataError` naming the file and entry.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import DataError, UsageError
from eventwire.yamlfile import load_yaml

log = logging.getLogger(__name__)

ENV_CHANNELS = "EVENTWIRE_CHANNELS"
PACKAGED = Path(__file__).resolve().parents[1] / "data" / "channels.yaml"
LEVELS = ("ministerial", "senior_officer", "working")
MEDIA = ("phone", "video", "in_person", "written")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CODE = re.compile(r"^[A-Z]{3,5}$")
_KEYS = {"id", "parties", "name", "level", "medium", "aliases", "roles", "fallback", "general"}


@dataclass(frozen=True, slots=True)
class Channel:
    """One communication mechanism between two parties."""

    id: str
    parties: tuple[str, str]  # sorted
    name: str
    level: str
    medium: str | None
    aliases: tuple[str, ...]
    roles: tuple[str, ...] = ()
    fallback: bool = False
    general: bool = False
    source: str = ""

    @property
    def dyad(self) -> str:
        return dyad_key(*self.parties)


@dataclass(frozen=True, slots=True)
class AliasHit:
    """A phrase naming ``channel`` at ``text[start:end]``."""

    channel: Channel
    start: int
    end: int
    text: str
    kind: str  # alias | role


def dyad_key(a: str, b: str) -> str:
    """``("USA", "CHN")`` -> ``"CHN-USA"``: one name per pair, whatever the order."""
    first, second = sorted((a.upper(), b.upper()))
    return f"{first}-{second}"


def parse_dyad(value: str) -> tuple[str, str]:
    """``"CHN-USA"``, ``"usa,chn"`` or ``"CHN USA"`` -> ``("CHN", "USA")`` (sorted)."""
    parts = [p for p in re.split(r"[-,/ ]+", value.strip().upper()) if p]
    if len(parts) != 2 or not all(_CODE.match(p) for p in parts) or parts[0] == parts[1]:
        raise UsageError(f"dyad {value!r} is not two different country codes; write it "
                         "like CHN-USA")
    first, second = sorted(parts)
    return first, second


class Catalogue:
    """Channels by dyad, with alias search over a text."""

    def __init__(self, channels: Sequence[Channel], sources: Sequence[Path] = (),
                 fingerprint: str = "") -> None:
        self.channels = tuple(channels)
        self.sources = tuple(sources)
        self.fingerprint = fingerprint
        self._by_id = {c.id: c for c in self.channels}
        self._patterns = {c.id: _pattern(c.aliases) for c in self.channels}
        self._role_patterns = {c.id: _pattern(c.roles) for c in self.channels}

    def get(self, channel_id: str) -> Channel:
        """The channel with this id."""
        try:
            return self._by_id[channel_id]
        except KeyError:
            raise UsageError(f"no channel {channel_id!r} in the catalogue") from None

    def dyads(self) -> set[str]:
        return {c.dyad for c in self.channels}

    def for_dyad(self, dyad: str) -> list[Channel]:
        """The channels of a pair, in catalogue order."""
        return [c for c in self.channels if c.dyad == dyad]

    def fallback(self, dyad: str) -> Channel | None:
        return next((c for c in self.for_dyad(dyad) if c.fallback), None)

    def general(self, dyad: str) -> Channel | None:
        return next((c for c in self.for_dyad(dyad) if c.general), None)

    def find(self, text: str, dyad: str, *, roles: bool = False) -> list[AliasHit]:
        """Every alias (and, with ``roles``, role phrase) of the pair's channels in ``text``."""
        hits = []
        for channel in self.for_dyad(dyad):
            tables = [("alias", self._patterns[channel.id])]
            if roles:
                tables.append(("role", self._role_patterns[channel.id]))
            for kind, pattern in tables:
                if pattern is None:
                    continue
                hits.extend(AliasHit(channel, m.start(), m.end(), m.group(0), kind)
                            for m in pattern.finditer(text))
        return sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))

    def for_roles(self, dyad: str, actor_roles: Sequence[str]) -> Channel | None:
        """The first channel of the pair whose roles include one of ``actor_roles``."""
        wanted = {r.lower() for r in actor_roles if r}
        return next((c for c in self.for_dyad(dyad)
                     if wanted & {r.lower() for r in c.roles}), None)


def _pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    ordered = sorted(phrases, key=len, reverse=True)  # longest alternative first
    body = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


# --- loading and validation ---------------------------------------------------------

def _fail(path: Path, where: str, problem: str) -> DataError:
    return DataError(f"{path}: {where}: {problem}")


def _strings(value: Any, path: Path, where: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, where, f"'{field}' must be a list of non-empty phrases")
    return tuple(v.strip() for v in value)


def parse_entry(raw: Any, path: Path, index: int) -> Channel:
    """One validated channel entry."""
    where = f"entry {index + 1}"
    if not isinstance(raw, dict):
        raise _fail(path, where, "each channel must be a mapping with id, parties, name, level")
    where = f"entry {index + 1} ({raw.get('id', 'no id')})"
    unknown = set(raw) - _KEYS
    if unknown:
        raise _fail(path, where, f"unknown field(s) {', '.join(sorted(unknown))}; allowed: "
                                 f"{', '.join(sorted(_KEYS))}")
    channel_id = raw.get("id")
    if not isinstance(channel_id, str) or not _ID.match(channel_id):
        raise _fail(path, where, "'id' must be lower-case letters, digits and dashes")
    parties = raw.get("parties")
    if (not isinstance(parties, list) or len(parties) != 2
            or not all(isinstance(p, str) and _CODE.match(p) for p in parties)
            or parties[0] == parties[1]):
        raise _fail(path, where, "'parties' must be two different upper-case country codes, "
                                 "e.g. [CHN, USA]")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, where, "'name' is missing")
    level = raw.get("level")
    if level not in LEVELS:
        raise _fail(path, where, f"'level' {level!r} is not one of {', '.join(LEVELS)}")
    medium = raw.get("medium")
    if medium is not None and medium not in MEDIA:
        raise _fail(path, where, f"'medium' {medium!r} is not one of {', '.join(MEDIA)} or null")
    aliases = _strings(raw.get("aliases"), path, where, "aliases")
    general, fallback = bool(raw.get("general", False)), bool(raw.get("fallback", False))
    if not aliases and not (general or fallback):
        raise _fail(path, where, "a channel needs at least one alias (or fallback/general: true)")
    first, second = sorted(parties)
    return Channel(channel_id, (first, second), name.strip(), level, medium, aliases,
                   _strings(raw.get("roles"), path, where, "roles"), fallback, general, str(path))


def read_file(path: Path) -> list[Channel]:
    """The validated entries of one catalogue file."""
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(f"{path}: cannot read the channel file ({exc.strerror}); check the "
                        f"path (or the {ENV_CHANNELS} variable)") from exc
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from exc
    entries = raw.get("channels") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise DataError(f"{path}: expected a mapping with a 'channels:' list (see the "
                        f"comment at the top of {PACKAGED.name})")
    return [parse_entry(entry, path, i) for i, entry in enumerate(entries)]


def _merge(files: Sequence[Path]) -> list[Channel]:
    merged: dict[str, Channel] = {}
    for path in files:
        seen: set[str] = set()
        for channel in read_file(path):
            if channel.id in seen:
                raise DataError(f"{path}: channel id {channel.id!r} appears twice")
            seen.add(channel.id)
            merged[channel.id] = channel  # a later file replaces an earlier entry
    _check_unique_roles(list(merged.values()))
    return list(merged.values())


def _check_unique_roles(channels: list[Channel]) -> None:
    for flag in ("fallback", "general"):
        owners: dict[str, Channel] = {}
        for channel in channels:
            if getattr(channel, flag):
                other = owners.setdefault(channel.dyad, channel)
                if other is not channel:
                    raise DataError(f"{channel.source}: entry {channel.id}: {channel.dyad} "
                                    f"already has a {flag} channel ({other.id}); keep one")


def env_files() -> list[Path]:
    """User catalogue files named in ``$EVENTWIRE_CHANNELS``."""
    value = os.environ.get(ENV_CHANNELS, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def load_catalogue(extra: Sequence[Path | str] = ()) -> Catalogue:
    """The packaged catalogue merged with ``$EVENTWIRE_CHANNELS`` and ``extra`` files."""
    files = [PACKAGED, *env_files(), *(Path(p) for p in extra)]
    return _cached(tuple(files), tuple(_stamp(p) for p in files))


def _stamp(path: Path) -> str:
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


@lru_cache(maxsize=8)
def _cached(files: tuple[Path, ...], stamps: tuple[str, ...]) -> Catalogue:
    channels = _merge(files)
    fingerprint = hashlib.sha1("|".join(stamps).encode()).hexdigest()[:16]
    log.debug("channel catalogue: %d channels from %d files", len(channels), len(files))
    return Catalogue(channels, files, fingerprint)
