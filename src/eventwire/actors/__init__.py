"""Actors: who a noun phrase names, coded as country/organisation + sector + role.

The dictionary is plain YAML under ``eventwire/data/actors`` (countries come
from pycountry at load time), extensible with user files:
``ActorDictionary.load(extra=[path])`` or the ``EVENTWIRE_ACTORS`` variable
(paths separated by ``os.pathsep``).  Sector codes are listed in ``SECTORS``.

Examples of :meth:`ActorDictionary.resolve_phrase`:

- "China's Ministry of National Defense" -> CHN MIL
- "U.S. Defense Secretary Lloyd Austin" -> USA MIL, name and role held on the date
- "the United States, Japan and certain other countries" -> USA, JPN
- "senior US and Chinese military officials" -> USA MIL, CHN MIL
- "the two militaries" -> nothing (the coder resolves those from context)

Mentions found without a country ("the military") carry code ``""``.
"""

from __future__ import annotations

from eventwire.actors.dictionary import (
    ENV_EXTRA,
    ActorDictionary,
    Mention,
    TenureClue,
    default_dictionary,
)
from eventwire.actors.entries import Person, Role
from eventwire.actors.sectors import SECTORS

__all__ = ["ENV_EXTRA", "SECTORS", "ActorDictionary", "Mention", "Person", "Role",
           "TenureClue", "default_dictionary"]
