"""Constants of the workbench tests, and the corpus they run on (a module of
its own, importable by name)."""

from pathlib import Path

from eventwire.pipeline import ingest
from eventwire.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

TOKEN = "alice:correct-horse-battery"
SECRET = TOKEN.split(":", 1)[1]

# Invented article whose title, sentences and quote carry script payloads: the
# workbench must show them as text and run none of them.
HOSTILE_ARTICLE = """Ministers meet <script>window.__pwned=1</script>

BEIJING, March 3, 2024 (Example Wire) -- Chinese Defense Minister Li Hua held talks with U.S. Defense Secretary John Doe on Tuesday about maritime safety <script>window.__pwned=1</script>, the ministry said.

<img src=x onerror="window.__pwned=2"> China urged the United States to stop close-in patrols near the reefs.

"We will <b onmouseover=window.__pwned=3>never</b> accept provocations," Li Hua said.
"""


def ingest_workbench_corpus(db: str, folder: Path) -> None:
    """Ingest the example corpus and the hostile article into ``db`` (a SQLite
    file or a database URL) by the real pipeline; ``folder`` holds the article."""
    hostile = folder / "hostile"
    hostile.mkdir()
    (hostile / "ministers_meet.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    with open_store(db) as store:
        report = ingest([str(EXAMPLES), str(hostile)], store, keep_events=False)
    assert report.stored > 20 and not report.problems
