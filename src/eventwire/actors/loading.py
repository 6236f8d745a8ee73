"""Read and validate actor YAML files into terms, persons and titles.

A file is a mapping with any of these sections (see ``data/actors/README.md``):
``countries``, ``cities``, ``sectors``, ``roles``, ``organisations``, ``igos``,
``persons``, ``titles``, ``ignore``.  Every problem raises :class:`DataError` naming the
file, the entry and what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from eventwire.actors.entries import Person, Role, Term
from eventwire.actors.sectors import is_sector
from eventwire.errors import DataError
from eventwire.yamlfile import load_yaml

SECTIONS = ("countries", "cities", "sectors", "roles", "organisations", "igos", "persons",
            "titles", "ignore")
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


@dataclass
class Catalogue:
    """Everything read from the actor files, in load order."""

    terms: list[Term] = field(default_factory=list)
    persons: dict[str, Person] = field(default_factory=dict)
    titles: set[str] = field(default_factory=set)


class _Where:
    """Names a file/section/entry in error messages."""

    def __init__(self, path: Path, section: str, index: int, label: str) -> None:
        self.text = f"{path}: {section} entry {index + 1}" + (f" ({label})" if label else "")

    def fail(self, problem: str) -> DataError:
        return DataError(f"{self.text}: {problem}; fix or remove the entry")


def read_file(path: Path, catalogue: Catalogue) -> None:
    """Validate one YAML file and add its entries to ``catalogue``."""
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(f"{path}: cannot read actor file ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML ({exc})") from exc
    if raw is None:
        return
    if not isinstance(raw, dict):
        raise DataError(f"{path}: an actor file must be a mapping of sections {SECTIONS}")
    unknown = sorted(set(raw) - set(SECTIONS))
    if unknown:
        raise DataError(f"{path}: unknown section(s) {unknown}; expected some of {SECTIONS}")
    for section in SECTIONS:
        entries = raw.get(section) or []
        if not isinstance(entries, list):
            raise DataError(f"{path}: section '{section}' must be a list")
        for index, entry in enumerate(entries):
            _READERS[section](path, section, index, entry, catalogue)


def _label(entry: Any, *keys: str) -> str:
    if isinstance(entry, dict):
        for key in keys:
            if isinstance(entry.get(key), str):
                return str(entry[key])
    return entry if isinstance(entry, str) else ""


def _mapping(where: _Where, entry: Any, required: tuple[str, ...],
             allowed: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise where.fail("must be a mapping")
    missing = [k for k in required if entry.get(k) in (None, "", [])]
    if missing:
        raise where.fail(f"missing {', '.join(missing)}")
    extra = sorted(set(entry) - set(required) - set(allowed))
    if extra:
        raise where.fail(f"unknown field(s) {extra}")
    return entry


def _code(where: _Where, value: Any) -> str:
    if not isinstance(value, str) or not _CODE.match(value):
        raise where.fail(f"code {value!r} must be 2-8 capital letters or digits (ISO alpha-3 or an IGO code such as UNO, G20)")
    return value


def _sector(where: _Where, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not is_sector(value):
        raise where.fail(f"unknown sector {value!r}; see eventwire.actors.SECTORS")
    return value


def _strings(where: _Where, value: Any, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise where.fail(f"'{name}' must be a list of non-empty strings")
    return [v.strip() for v in value]


def parse_date(value: Any, *, end: bool) -> date | None:
    """A YAML date, 'YYYY' or 'YYYY-MM' (an end date rounds to the period's last day)."""
    if value is None or isinstance(value, date):
        return value
    match = _PARTIAL_DATE.match(str(value).strip())
    if not match:
        raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(match[1]), match[2], match[3]
    if month is None:
        return date(year, 12, 31) if end else date(year, 1, 1)
    if day is None:
        if not end:
            return date(year, int(month), 1)
        nxt = date(year + (int(month) == 12), int(month) % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date(year, int(month), int(day))


def _countries(path: Path, section: str, index: int, entry: Any, cat: Catalogue) -> None:
    where = _Where(path, section, index, _label(entry, "code"))
    entry = _mapping(where, entry, ("code",), ("name", "aliases", "capitals", "seats"))
    code = _code(where, entry["code"])
    if entry.get("name"):
        cat.terms.append(Term(entry["name"], "country", code=code))
    for alias in _strings(where, entry.get("aliases"), "aliases"):
        cat.terms.append(Term(alias, "country", code=code))
    for capital in _strings(where, entry.get("capitals"), "capitals"):
        cat.terms.append(Term(capital, "capital", code=code, sector="GOV"))
    for seat in entry.get("seats") or []:
        if not isinstance(seat, dict) or not isinstance(seat.get("text"), str):
            raise where.fail("each seat must be a mapping with 'text' and 'sector'")
        name = seat["text"][4:] if seat["text"].startswith("the ") else seat["text"]
        cat.terms.append(Term(seat["text"], "capital", code=code,
                              sector=_sector(where, seat.get("sector", "GOV")), name=name))


def _cities(path: Path, section: str, index: int, entry: Any, cat: Catalogue) -> None:
    # a place names its country but never its government: no sector of its own
    where = _Where(path, section, index, _label(entry, "code"))
    entry = _mapping(where, entry, ("code", "names"), ())
    code = _code(where, entry["code"])
    for name in _strings(where, entry["names"], "names"):
        cat.terms.append(Term(name, "city", code=code))


def _sectors(path: Path, section: str, index: int, entry: Any, cat: Catalogue) -> None:
    where = _Where(path, section, index, _label(entry, "sector"))
    entry = _mapping(where, entry, ("sector", "terms"), ())
    sector = _sector(where, entry["sector"])
    for text in _strings(where, entry["terms"], "terms"):
        cat.terms.append(Term(text, "sector", sector=sector))


def _roles(path: Path, section: str, index: int, entry: Any, cat: Catalogue) -> None:
    where = _Where(path, section, index, _label(entry, "role"))
    entry = _mapping(where, entry, ("role", "terms"), ("sector",))
    sector = _sector(where, entry.get("sector"))
    for text in _strings(where, entry["terms"], "terms"):
        cat.terms.append(Term(text, "role", sector=sector, role=str(entry["role"])))


def _organisations(path: Path, section: str, index: int, entry: Any, cat: Catalogue) -> None:
    where = _Where(path, section, index, _label(entry, "name"))
    entry = _mapping(where, entry, ("name", "sector"), ("code", "aliases"))
    code = _code(where, entry["code"]) if entry.get("code") is not None else None
    sector = _sector(where, entry["sector"])
    for text in [entry["name"], *_strings(where, entry.get("aliases"), "aliases")]:
        cat.terms.append(Term(text, "organisation", code=code, sector=sector, name=entry["name"]))


def _igos(path: Path, section: str, index: int, entry: Any, cat: Catalogue) -> None:
    where = _Where(path, section, index, _label(entry, "name", "code"))
    entry = _mapping(where, entry, ("code", "name"), ("aliases", "sector"))
    code = _code(where, entry["code"])
    # a body of an IGO may have a sector of its own: the European Parliament is LEG
    sector = _sector(where, entry.get("sector", "IGO"))
    for text in [entry["name"], *_strings(where, entry.get("aliases"), "aliases")]:
        cat.terms.append(Term(text, "igo", code=code, sector=sector, name=entry["name"]))


def _persons(path: Path, section: str, index: int, entry: Any, cat: Catalogue) -> None:
    where = _Where(path, section, index, _label(entry, "name"))
    entry = _mapping(where, entry, ("name", "roles"), ("aliases", "country"))
    roles = entry["roles"]
    if not isinstance(roles, list):
        raise where.fail("'roles' must be a list")
    parsed = [_role(where, r) for r in roles]
    person = cat.persons.get(entry["name"])
    if person is None:
        country = _code(where, entry["country"]) if entry.get("country") else None
        person = Person(entry["name"], country)
        cat.persons[person.name] = person
        cat.terms.append(Term(person.name, "person", person=person))
    person.roles.extend(r for r in parsed if r not in person.roles)
    for alias in _strings(where, entry.get("aliases"), "aliases"):
        if alias not in person.aliases:
            person.aliases.append(alias)
            cat.terms.append(Term(alias, "person", person=person, alias=True))


def _role(where: _Where, raw: Any) -> Role:
    if not isinstance(raw, dict) or not raw.get("code") or not raw.get("role"):
        raise where.fail("each role needs at least 'code' and 'role'")
    extra = sorted(set(raw) - {"code", "sector", "role", "start", "end"})
    if extra:
        raise where.fail(f"unknown role field(s) {extra}")
    try:
        start = parse_date(raw.get("start"), end=False)
        end = parse_date(raw.get("end"), end=True)
    except ValueError as exc:
        raise where.fail(str(exc)) from exc
    if start and end and end < start:
        raise where.fail(f"role '{raw['role']}' ends ({end}) before it starts ({start})")
    return Role(_code(where, raw["code"]), _sector(where, raw.get("sector")),
                str(raw["role"]), start, end)


def _titles(path: Path, section: str, index: int, entry: Any, cat: Catalogue) -> None:
    where = _Where(path, section, index, _label(entry))
    cat.titles.update(_strings(where, entry, "titles"))


def _ignore(path: Path, section: str, index: int, entry: Any, cat: Catalogue) -> None:
    where = _Where(path, section, index, _label(entry))
    for text in _strings(where, entry, "ignore"):
        cat.terms.append(Term(text, "ignore"))


_READERS = {"countries": _countries, "cities": _cities, "sectors": _sectors, "roles": _roles,
            "organisations": _organisations, "igos": _igos, "persons": _persons,
            "titles": _titles, "ignore": _ignore}
