"""The dictionary's entries: persons with dated roles, and match terms."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

#: what a term names; "role" terms carry a role (and maybe a sector),
#: "ignore" terms only block shorter matches ("South China Sea" is no actor),
#: "city" terms name a place (a city or region that is not a seat of government)
TERM_KINDS = ("country", "capital", "city", "sector", "role", "organisation", "igo",
              "person", "ignore")


@dataclass(frozen=True, slots=True)
class Role:
    """A post a person held: who they spoke for, and when."""

    code: str
    sector: str | None
    role: str
    start: date | None  # None: unknown start (treated as open)
    end: date | None  # None: still held, or unknown end

    def holds(self, on: date) -> bool:
        """Whether the role was held on ``on``."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(eq=False, slots=True)
class Person:
    """A named person and the roles they held."""

    name: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    @property
    def home(self) -> str:
        """The person's country: given, or that of their latest role."""
        if self.country:
            return self.country
        latest = self.latest_role()
        return latest.code if latest else ""

    def latest_role(self) -> Role | None:
        """The role that started last (roles without a start count as oldest)."""
        if not self.roles:
            return None
        return max(self.roles, key=lambda r: (r.start or date.min, r.end or date.max))

    def role_on(self, on: date | None) -> Role | None:
        """The role held on ``on`` (the latest role when ``on`` is None)."""
        if on is None:
            return self.latest_role()
        held = [r for r in self.roles if r.holds(on)]
        return max(held, key=lambda r: r.start or date.min) if held else None

    def role_before(self, on: date | None, role: str | None = None) -> Role | None:
        """The latest role ended before ``on`` (optionally with that role name)."""
        done = [r for r in self.roles
                if (on is None or (r.end is not None and r.end < on))
                and (role is None or r.role == role)]
        return max(done, key=lambda r: r.end or date.max) if done else None


@dataclass(frozen=True, slots=True)
class Term:
    """A string the matcher looks for, and what it names."""

    text: str
    kind: str
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    name: str | None = None  # a named organisation or IGO body
    person: Person | None = field(default=None, compare=False)
    alias: bool = False  # a person's short form: valid only after the full name
    case_sensitive: bool = True
