"""The base country list, generated from pycountry at load time."""

from __future__ import annotations

import pycountry

from eventwire.actors.entries import Term


def country_terms() -> list[Term]:
    """Name, common name and official name of every ISO 3166 country.

    Inverted names ("Korea, Republic of") are skipped: nobody writes them in
    running text; the hand-written aliases cover the usual forms.
    """
    terms: list[Term] = []
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", None),
                 getattr(country, "official_name", None)}
        for name in sorted(n for n in names if n):
            if "," in name:
                continue
            if name.startswith("the "):
                name = name[4:]
            terms.append(Term(name, "country", code=country.alpha_3))
    return terms
