"""The channel catalogue: packaged entries, user files, validation errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.analysis.catalogue import (ENV_CHANNELS, PACKAGED, dyad_key, load_catalogue,
                                          parse_dyad)
from eventwire.errors import DataError, UsageError

GOOD = """channels:
  - id: grc-tur-hotline
    parties: [TUR, GRC]
    name: Greek-Turkish military hotline
    level: working
    medium: phone
    aliases: [military hotline, confidence-building hotline]
    fallback: true
"""


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_packaged_catalogue_has_the_china_us_mechanisms() -> None:
    catalogue = load_catalogue()
    ids = {c.id for c in catalogue.for_dyad("CHN-USA")}
    assert {"chn-usa-defense-ministers", "chn-usa-dpct", "chn-usa-mmca",
            "chn-usa-crisis-communication", "chn-usa-theater-commanders", "chn-usa-joint-staff",
            "chn-usa-hadr", "chn-usa-senior-officials", "chn-usa-mil-channels"} <= ids
    assert {"CHN-JPN", "RUS-USA", "CHN-IND", "KOR-PRK"} <= catalogue.dyads()
    assert catalogue.fallback("CHN-USA").id == "chn-usa-senior-officials"
    assert catalogue.general("CHN-USA").id == "chn-usa-mil-channels"


def test_aliases_match_whole_words_in_any_case_and_hyphenation() -> None:
    catalogue = load_catalogue()
    hits = catalogue.find("They held a Crisis-Communication meeting and MMCA talks.", "CHN-USA")
    assert [(h.channel.id, h.text) for h in hits] == [
        ("chn-usa-crisis-communication", "Crisis-Communication"), ("chn-usa-mmca", "MMCA")]
    assert catalogue.find("the MMCAX programme", "CHN-USA") == []


def test_a_user_file_adds_a_pair(tmp_path: Path) -> None:
    catalogue = load_catalogue([write(tmp_path, GOOD)])
    channel = catalogue.get("grc-tur-hotline")
    assert channel.parties == ("GRC", "TUR") and channel.dyad == "GRC-TUR"
    assert catalogue.fallback("GRC-TUR") is channel
    assert "chn-usa-mmca" in {c.id for c in catalogue.channels}  # packaged entries stay


def test_the_environment_names_user_files_and_they_replace_entries(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    replacement = (GOOD.replace("grc-tur-hotline", "chn-usa-mmca")
                   .replace("[TUR, GRC]", "[CHN, USA]").replace("    fallback: true\n", ""))
    monkeypatch.setenv(ENV_CHANNELS, str(write(tmp_path, replacement)))
    catalogue = load_catalogue()
    assert catalogue.get("chn-usa-mmca").name == "Greek-Turkish military hotline"


@pytest.mark.parametrize("change, message", [
    (("level: working", "level: admiral"), r"entry 1 \(grc-tur-hotline\): 'level' 'admiral'"),
    (("medium: phone", "medium: pigeon"), "'medium' 'pigeon'"),
    (("[TUR, GRC]", "[TUR]"), "'parties' must be two"),
    (("id: grc-tur-hotline", "id: Bad Id"), "'id' must be lower-case"),
    (("    fallback: true\n", "    colour: red\n"), "unknown field"),
    (("    aliases: [military hotline, confidence-building hotline]\n    fallback: true\n", ""),
     "needs at least one alias"),
])
def test_invalid_entries_name_the_file_and_entry(tmp_path: Path, change: tuple[str, str],
                                                 message: str) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(DataError, match=message) as info:
        load_catalogue([path])
    assert str(path) in str(info.value)


def test_two_fallbacks_for_one_pair_are_refused(tmp_path: Path) -> None:
    second = GOOD.replace("channels:\n", "").replace("grc-tur-hotline", "grc-tur-other")
    with pytest.raises(DataError, match="already has a fallback channel"):
        load_catalogue([write(tmp_path, GOOD + second)])


def test_unreadable_files_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read the channel file"):
        load_catalogue([tmp_path / "missing.yaml"])
    with pytest.raises(DataError, match="not valid YAML"):
        load_catalogue([write(tmp_path, "channels: [unclosed")])
    with pytest.raises(DataError, match="'channels:' list"):
        load_catalogue([write(tmp_path, "- just a list\n")])


def test_the_format_is_documented_at_the_top_of_the_packaged_file() -> None:
    head = PACKAGED.read_text(encoding="utf-8").split("version:")[0]
    for field in ("id:", "parties:", "name:", "level:", "medium:", "aliases:", "roles:",
                  "fallback:", "general:", ENV_CHANNELS):
        assert field in head


def test_dyads_are_written_one_way() -> None:
    assert dyad_key("USA", "chn") == "CHN-USA"
    assert parse_dyad("usa-chn") == parse_dyad("CHN USA") == ("CHN", "USA")
    with pytest.raises(UsageError, match="like CHN-USA"):
        parse_dyad("CHN")
    with pytest.raises(UsageError):
        parse_dyad("CHN-CHN")
