"""News agencies and outlets: canonical names, from text or from a URL host."""

from __future__ import annotations

import re
from urllib.parse import urlparse

# Canonical name -> the spellings seen in datelines, sign-offs and outlet fields.
AGENCIES: dict[str, tuple[str, ...]] = {
    "Xinhua": ("Xinhua", "Xinhua News Agency", "Xinhuanet"),
    "EFE": ("EFE", "Agencia EFE"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "Reuters": ("Reuters",),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap", "Yonhap News Agency"),
    "TASS": ("TASS", "ITAR-TASS"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Global Times": ("Global Times", "GT"),
    "China Daily": ("China Daily",),
    "CGTN": ("CGTN",),
    "China Military Online": ("China Military Online", "chinamil.com.cn"),
    "People's Daily": ("People's Daily", "People’s Daily"),
    "Bernama": ("Bernama",),
    "PTI": ("PTI", "Press Trust of India"),
    "ANI": ("ANI",),
    "UPI": ("UPI", "United Press International"),
    "dpa": ("dpa", "DPA"),
    "ANSA": ("ANSA",),
    "Anadolu": ("Anadolu", "Anadolu Agency", "AA"),
    "Sputnik": ("Sputnik",),
    "CNA": ("CNA", "Central News Agency"),
    "VNA": ("VNA", "Vietnam News Agency"),
    "Antara": ("Antara",),
    "PNA": ("PNA", "Philippine News Agency"),
}

# Host suffix -> canonical name.
HOSTS: dict[str, str] = {
    "xinhuanet.com": "Xinhua", "news.cn": "Xinhua", "efe.com": "EFE",
    "apnews.com": "AP", "reuters.com": "Reuters", "afp.com": "AFP",
    "kyodonews.net": "Kyodo", "yna.co.kr": "Yonhap", "tass.com": "TASS",
    "tass.ru": "TASS", "ria.ru": "RIA Novosti", "globaltimes.cn": "Global Times",
    "chinadaily.com.cn": "China Daily", "cgtn.com": "CGTN",
    "chinamil.com.cn": "China Military Online", "people.cn": "People's Daily",
    "bernama.com": "Bernama", "ptinews.com": "PTI", "upi.com": "UPI",
    "aa.com.tr": "Anadolu", "sputnikglobe.com": "Sputnik", "focustaiwan.tw": "CNA",
    "vnanet.vn": "VNA", "antaranews.com": "Antara", "pna.gov.ph": "PNA",
}

_LOOKUP: dict[str, str] = {
    spelling.casefold(): name for name, spellings in AGENCIES.items() for spelling in spellings
}
# Short all-caps spellings (AP, AA, GT) count in running text only when written so.
_SHORT_CAPS = {s.casefold() for spellings in AGENCIES.values() for s in spellings
               if len(s) <= 3 and s.isupper()}

#: alternation of every spelling, longest first, for use inside larger patterns
AGENCY_RE = "|".join(re.escape(s) for s in sorted(
    {s for spellings in AGENCIES.values() for s in spellings}, key=len, reverse=True))


def canonical_agency(name: str | None, *, strict: bool = True) -> str | None:
    """The canonical agency name for a spelling, or None when unknown.

    With ``strict`` (text from the article body), short all-caps names such as
    "AP" must be written in capitals; outlet fields pass ``strict=False``.
    """
    if not name:
        return None
    name = name.strip().strip(".-–—()").strip()
    key = name.casefold()
    if strict and key in _SHORT_CAPS and not name.isupper():
        return None
    return _LOOKUP.get(key)


def agency_from_url(url: str | None) -> str | None:
    """The agency whose site a URL is on, or None."""
    if not url:
        return None
    host = (urlparse(url).hostname or "").lower()
    for suffix, name in HOSTS.items():
        if host == suffix or host.endswith("." + suffix):
            return name
    return None
