"""The sector codes an actor can carry, with what each one covers."""

from __future__ import annotations

from typing import Final

#: sector code -> what it covers (the codes PLOVER/POLECAT actor records use)
SECTORS: Final[dict[str, str]] = {
    "GOV": "government: heads of state and government, cabinets, ministries "
           "other than defence, diplomats, embassies, the executive",
    "MIL": "military: armed forces, services, defence ministries and their "
           "spokespersons, military commands; coast guards are coded MIL "
           "because most (US, China, Japan's JCG aside) are military or "
           "paramilitary forces that act in maritime disputes",
    "LEG": "legislature: parliaments, congresses, lawmakers, speakers",
    "JUD": "judiciary: courts, judges, prosecutors",
    "COP": "police and internal security forces",
    "SPY": "intelligence services",
    "MED": "media: news agencies, newspapers, broadcasters, state media",
    "BUS": "business: companies, firms, industry bodies",
    "CVL": "civilians: citizens, protesters, activists acting as civilians",
    "REB": "rebels and armed non-state groups",
    "OPP": "political opposition: opposition parties and movements",
    "IGO": "intergovernmental organisations (UN, NATO, ASEAN, EU...)",
    "EDU": "education and research: universities, scholars, think tanks",
    "REL": "religious bodies and leaders",
    "NGO": "non-governmental organisations",
}


def is_sector(code: str) -> bool:
    """Whether ``code`` is one of the documented sector codes."""
    return code in SECTORS
