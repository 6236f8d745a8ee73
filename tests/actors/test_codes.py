"""Codes the user types that the actor dictionary does not know (issue 25): a warning
with the nearest known codes, instead of a silent "0 events"."""

from __future__ import annotations

import pytest

from eventwire.actors.codes import check_actor, check_dyad, nearest_codes
from eventwire.cli import main


@pytest.mark.parametrize("value", ["CHN", "usa", "CHN MIL", "USA-GOV", "NATO", "ASEAN"])
def test_known_codes_and_sectors_pass(value: str) -> None:
    assert check_actor(value) == []


@pytest.mark.parametrize("typed, nearest", [("China", ("CHN",)), ("Russia", ("RUS",)),
                                            ("CHA", ("CHE", "CHL", "CHN")), ("USB", ("USA",)),
                                            ("XYZ", ())])
def test_the_nearest_known_codes_are_a_names_code_or_codes_spelled_alike(typed, nearest) -> None:
    found = nearest_codes(typed)
    assert found[:len(nearest)] == nearest if nearest else found == ()


def test_an_unknown_sector_is_named_with_the_sectors_alike() -> None:
    [problem] = check_actor("CHN MLI")
    assert (problem.kind, problem.typed, problem.nearest) == ("sector", "MLI", ("MIL",))


def test_a_dyad_names_each_unknown_side() -> None:
    assert [p.typed for p in check_dyad("CHN", "USA")] == []
    assert [p.typed for p in check_dyad("ABC", "USA")] == ["ABC"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, " ".join(captured.err.split())


@pytest.mark.parametrize("argv, warning", [
    (["events", "--actor", "XYZ"], "warning: --actor XYZ: no actor in the dictionary has the code XYZ;"),
    (["events", "--actor", "China", "--recipient", "USB"], "warning: --recipient USB: no actor in the "
                                                           "dictionary has the code USB; did you mean USA"),
    (["events", "--actor", "China"], "has the code China; did you mean CHN?"),
    (["export", "--recipient", "USA MLI"], "--recipient USA MLI: no actor in the dictionary has the "
                                           "sector MLI; did you mean MIL?"),
    (["series", "--dyad", "CHN-USB"], "warning: --dyad CHN-USB: no actor in the dictionary has the code USB"),
])
def test_commands_warn_about_codes_nobody_has(capsys, demo_db, argv, warning) -> None:
    code, _, err = run(capsys, *argv, "--db", demo_db)
    assert code == 0 and warning in err


def test_a_report_on_an_unknown_pair_says_so(capsys, demo_db, tmp_path) -> None:
    code, _, err = run(capsys, "report", "--dyad", "XYZ-ABC", "--db", demo_db, "-o", str(tmp_path / "r.html"))
    assert code == 0
    assert "--dyad XYZ-ABC: no actor in the dictionary has the code XYZ" in err
    assert "has the code ABC; did you mean" in err


def test_channels_warn_before_saying_no_channels_are_catalogued(capsys, demo_db) -> None:
    code, _, err = run(capsys, "channels", "--dyad", "CHA-USA", "--db", demo_db)
    assert code == 2 and "has the code CHA; did you mean CHE or CHL or CHN?" in err


def test_known_codes_give_no_warning(capsys, demo_db) -> None:
    for argv in (["events", "--actor", "CHN MIL", "--recipient", "USA"], ["series", "--dyad", "CHN-USA"]):
        code, _, err = run(capsys, *argv, "--db", demo_db)
        assert code == 0 and "warning" not in err
