"""An article stuck where its time bound cannot reach (native code that never
returns) is found by the pool's watch, reported, and the run goes on (issue 26)."""

from __future__ import annotations

from eventwire.engine import run
from eventwire.records import InputProblem, RawArticle


def test_an_article_stuck_past_every_bound_is_reported_and_its_worker_stopped():
    from hanging_work import MARK, hang_on_mark
    raws = [RawArticle(source=f"s{i}", text=f"Seoul urged Tokyo to act on day {i}.") for i in range(12)]
    raws[5] = RawArticle(source="stuck", text=f"Seoul urged Tokyo to act. {MARK}")
    # the good articles take a fraction of a second a chunk, far under 2 s an article
    results = list(run(raws, engine="process", workers=2, chunk_size=3, work=hang_on_mark, stall_s=2.0))
    assert [r.source if isinstance(r, InputProblem) else r.document.source for r in results] == \
        [raw.source for raw in raws]  # every article, in input order
    problems = [r for r in results if isinstance(r, InputProblem)]
    assert [p.source for p in problems] == ["stuck"]
    assert problems[0].reason.startswith("still running 2 s past its time bound, so its worker was stopped")
    assert all(r.events for r in results if not isinstance(r, InputProblem))
