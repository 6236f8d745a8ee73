"""Loading packaged and user files; validation errors name file and entry."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.actors import ENV_EXTRA, SECTORS, ActorDictionary, default_dictionary
from eventwire.actors.loading import parse_date
from eventwire.errors import DataError


def write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_packaged_data_is_valid(actors: ActorDictionary) -> None:
    assert len(actors.persons) >= 150
    for person in actors.persons.values():
        for role in person.roles:
            assert role.sector is None or role.sector in SECTORS
            assert role.start is None or role.end is None or role.start <= role.end


# ISO short names that news uses for another country: plain "Congo" is the DRC
# in wire copy; its neighbour is "Republic of Congo" / "Congo-Brazzaville"
NEWS_USAGE = {"Congo": "COD"}


def test_every_country_has_a_name(actors: ActorDictionary) -> None:
    import pycountry
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        if "," in name:
            continue
        found = actors.resolve_phrase(name)
        assert found and found[0].code == NEWS_USAGE.get(name, country.alpha_3), name


def test_user_file_extends(tmp_path: Path) -> None:
    extra = write(tmp_path, "mine.yaml", """
persons:
  - name: Budi Santoso
    aliases: [Santoso]
    roles:
      - {code: IDN, sector: MIL, role: defense minister, start: 2030-01, end: 2031}
organisations:
  - {name: Ministry of Silly Walks, code: GBR, sector: GOV}
""")
    actors = ActorDictionary.load(extra=[extra])
    [actor] = actors.resolve_phrase("Budi Santoso", date(2030, 1, 15))
    assert (actor.code, actor.sector, actor.role) == ("IDN", "MIL", "defense minister")
    assert actor.role_start == date(2030, 1, 1) and actor.role_end == date(2031, 12, 31)
    [walks] = actors.resolve_phrase("the Ministry of Silly Walks")
    assert (walks.code, walks.sector) == ("GBR", "GOV")


def test_env_variable_lists_extra_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = write(tmp_path, "env.yaml", "countries:\n  - {code: NLD, aliases: [Oranje]}\n")
    monkeypatch.setenv(ENV_EXTRA, str(extra))
    assert default_dictionary().resolve_phrase("Oranje")[0].code == "NLD"
    monkeypatch.delenv(ENV_EXTRA)
    assert default_dictionary().resolve_phrase("Oranje") == []


@pytest.mark.parametrize(("body", "problem"), [
    ("persons:\n  - name: Nobody\n    roles:\n      - {code: chn, role: spokesperson}\n",
     "persons entry 1 (Nobody): code 'chn'"),
    ("persons:\n  - name: Nobody\n    roles:\n      - {code: CHN, role: x, start: 2020-05-01, end: 2019}\n",
     "ends (2019-12-31) before it starts"),
    ("persons:\n  - name: Nobody\n    roles:\n      - {code: CHN, role: x, start: last year}\n",
     "not YYYY, YYYY-MM or YYYY-MM-DD"),
    ("sectors:\n  - {sector: XYZ, terms: [stuff]}\n", "unknown sector 'XYZ'"),
    ("organisations:\n  - {name: Thing}\n", "organisations entry 1 (Thing): missing sector"),
    ("igos:\n  - {code: NATO, name: NATO, colour: blue}\n", "unknown field(s) ['colour']"),
    ("people:\n  - name: X\n", "unknown section(s) ['people']"),
    ("countries: [unclosed\n", "not valid YAML"),
    ("- just a list\n", "must be a mapping of sections"),
])
def test_bad_user_file(tmp_path: Path, body: str, problem: str) -> None:
    bad = write(tmp_path, "bad.yaml", body)
    with pytest.raises(DataError) as caught:
        ActorDictionary.load(extra=[bad])
    assert str(bad) in str(caught.value)
    assert problem in str(caught.value)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="actor file not found"):
        ActorDictionary.load(extra=[tmp_path / "absent.yaml"])


def test_partial_dates() -> None:
    assert parse_date("2021-07", end=False) == date(2021, 7, 1)
    assert parse_date("2021-02", end=True) == date(2021, 2, 28)
    assert parse_date("2024", end=True) == date(2024, 12, 31)
    assert parse_date(date(2020, 1, 2), end=True) == date(2020, 1, 2)
