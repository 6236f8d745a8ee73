import json
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.evaluate import evaluate

LINES = [
    {"id": "a", "date": "2023-05-05", "text": "Japan's defence minister met his Australian counterpart in Tokyo on Thursday.",
     "event": "CONSULT", "source": [{"code": "JPN", "sector": "MIL"}], "target": [{"code": "AUS", "sector": "MIL"}],
     "eventText": "met", "event_date": "2023-05-04"},
    {"id": "b", "date": "2023-05-05", "text": "Seoul urged Pyongyang to return to talks.", "event": "DEMAND",
     "source": [{"code": "KOR", "sector": "GOV"}], "target": [{"code": "PRK", "sector": "GOV"}], "eventText": "urged"},
    {"id": "c", "date": "2023-05-05", "text": "The weather in Hanoi was hot on Friday.", "event": None},
    {"id": "d", "date": "2023-05-05", "text": "India did not protest the decision.", "event": "ACCUSE", "negated": True},
]


@pytest.fixture()
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in LINES), encoding="utf-8")
    return path


def test_figures(gold, nlp):
    from eventwire.coder import DocumentCoder
    report = evaluate([gold], DocumentCoder(nlp)).sentences
    assert report.sentences == 4
    assert report.detection["recall"] == 1.0 and report.detection["precision"] == 1.0
    assert report.category_accuracy == 1.0
    assert report.actor_country_accuracy == 1.0
    assert report.date_accuracy == 1.0
    assert report.confusion["NONE"]["NONE"] == 2


def test_cli_json(gold, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["evaluate", str(gold), "--json"])
    assert exit_info.value.code == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["sentences"]["detection"]["f1"] == 1.0
    assert "per_category" in figures["sentences"]


def test_cli_missing_file(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["evaluate", str(tmp_path / "nope.jsonl")])
    assert exit_info.value.code == 2
    assert "nope.jsonl" in capsys.readouterr().err
