from pathlib import Path

import pytest

from eventwire.errors import DataError
from eventwire.evaluate.gold import load_sentences, shape_of

RECORD = ('{"id": "T-1", "date": "2021-03-04", "text": "Japan accused China of violating its airspace.", '
          '"event": "%s", "mode": "", "context": "military", '
          '"source": [{"actorText": "Japan", "code": "JPN", "sector": "GOV"}], "target": []}')


def test_comma_separated_objects_and_legacy_names(tmp_path: Path):
    path = tmp_path / "gold.json"
    path.write_text(",\n".join(RECORD % name for name in ("DISAPPROVE", "DEMAND", "FIGHT", "CRIME")) + ",\n",
                    encoding="utf-8")
    records = load_sentences(path)
    assert [r.category for r in records] == ["ACCUSE", "REQUEST", "ASSAULT", None]
    assert records[0].mode == "disapprove"
    assert records[0].context == frozenset({"military"})
    assert records[0].actor[0].code == "JPN" and records[0].recipient == ()
    assert shape_of(path) == "sentences"


def test_json_lines_with_actor_and_recipient_names(tmp_path: Path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "Seoul met Tokyo.", "event": "CONSULT", "actor": [{"code": "KOR"}], '
                    '"recipient": [{"code": "JPN", "sector": "GOV"}]}\n', encoding="utf-8")
    [record] = load_sentences(path)
    assert record.actor[0].code == "KOR" and record.recipient[0].sector == "GOV"


def test_bad_json_names_file_and_line(tmp_path: Path):
    path = tmp_path / "bad.jsonl"
    path.write_text(RECORD % "ACCUSE" + "\n{not json\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad.jsonl:2"):
        load_sentences(path)


def test_unknown_category(tmp_path: Path):
    path = tmp_path / "bad.jsonl"
    path.write_text(RECORD % "PARTY", encoding="utf-8")
    with pytest.raises(DataError, match="PARTY"):
        load_sentences(path)


def test_document_shape_is_recognised():
    gold = Path(__file__).resolve().parents[1] / "gold" / "examples"
    assert shape_of(next(gold.glob("*.json"))) == "documents"
