"""Throughput and memory of `eventwire ingest` at 1x, 5x and 10x the shared corpus.

    .venv/bin/python bench/run.py [--scales 1 5 10] [--workers 2] [--baseline-scales 1 5 10]
                                  [--dask-scales 5 10] [--cluster-scales 5 10] [--repeat 3] [--no-ceiling]

The corpus is the VOA stories and the seed reports in ../shared, copied k times
with each copy made distinct (a different closing line) so de-duplication keeps
them all. For each scale it runs the real command line in a subprocess, samples
the resident memory of the whole process tree, and reports documents/s,
words/s and peak memory — next to a baseline measured in the same run that
sends every sentence through spaCy's full pipeline (EVENTWIRE_CODER_BASELINE=1),
and Dask with one and two workers (at 5x and 10x): a local cluster, started by
each ingest, and with --cluster-scales a cluster of the user's own, started
once (bench/usercluster.py). With --repeat N every run is made N times,
the configurations taking turns so that a slow spell of a shared machine hits
them alike, and the fastest of each is reported (with all the times). Each
kind of run is first made once untimed (--warmup), at the smallest scale it
runs at, so that no timed run is the one that reads the model and the
modules from disk into the system's file cache. With each turn of the Dask
runs it also measures what the machine's cores give two plain processes at
once (bench/ceiling.py: no Dask, no store), the most two workers can make of
them, and sets the Dask figures against it (--no-ceiling skips it).
Results go to bench/results/ingest.json.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ceiling  # noqa: E402 - beside this script
import usercluster  # noqa: E402 - beside this script

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EVENTWIRE = [sys.executable, "-m", "eventwire"]
PLAIN = [sys.executable, str(Path(__file__).resolve().parent / "plain.py")]


def build_corpus(folder: Path, scale: int) -> tuple[int, int]:
    """Write ``scale`` distinct copies of the corpus; return (documents, words)."""
    folder.mkdir(parents=True, exist_ok=True)
    stories = [json.loads(line) for line in (SHARED / "corpus" / "voa" / "voa_stories.jsonl").open(encoding="utf-8")]
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    docs = words = 0
    with (folder / "voa.jsonl").open("w", encoding="utf-8") as out:
        for copy in range(scale):
            for story in stories:
                text = story["text"] + f"\n\nThis is edition {copy} of the story."
                out.write(json.dumps({**story, "text": text, "url": f"{story.get('url')}#{copy}"}) + "\n")
                docs += 1
                words += len(text.split())
    for copy in range(scale):
        for seed in seeds:
            text = seed.read_text(encoding="utf-8") + f"\n\nThis is edition {copy} of the report.\n"
            (folder / f"{copy}_{seed.name}").write_text(text, encoding="utf-8")
            docs += 1
            words += len(text.split())
    return docs, words


def compile_package() -> None:
    """Byte-compile eventwire, as installing a wheel does. An editable install
    leaves that to the first import, and where PYTHONDONTWRITEBYTECODE is set
    (as on the machine the README's figures come from) every run would
    compile its modules afresh: 0.16-0.2 s of CPU for the command line's
    imports and the coder's load together, in every run."""
    compileall.compile_dir(REPO / "src" / "eventwire", quiet=1)


#: The sampler below runs beside the measured process tree, every 0.1 s, on
#: the same cores: it reads /proc with plain bytes (about 1.2 ms a sample
#: against 2.5 ms through pathlib and text), so that it takes as little as
#: it can from a run that has both cores busy.
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _tree(root: int) -> list[int]:
    """The pids of ``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as stat:
                    ppid = int(stat.read().rpartition(b")")[2].split(None, 2)[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(name))
    out, stack = [], [root]
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack.extend(children.get(pid, []))
    return out


TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float:
    """User and system CPU seconds of ``pid`` so far (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rpartition(b")")[2].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def _rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` in kB (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def measure(args: list[str], env: dict[str, str]) -> tuple[float, int, int, float]:
    """Wall seconds, peak memory of the process tree (kB), exit code, and the
    CPU seconds of the program itself (the root process: reading, handing
    out, storing), as last sampled."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    cpu = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, cpu
        while not done.is_set():
            peak = max(peak, sum(_rss_kb(pid) for pid in _tree(proc.pid)))
            cpu = max(cpu, _cpu_s(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    return time.perf_counter() - start, peak, proc.returncode, cpu


def run_one(label: str, corpus: Path, docs: int, words: int, extra: list[str], env: dict[str, str],
            work: Path) -> dict[str, object]:
    if label.removeprefix("warmup-").startswith("plain-"):  # spaCy alone: bench/plain.py
        command = PLAIN + [str(corpus)] + extra
    else:
        db = work / f"{label}.db"
        db.unlink(missing_ok=True)
        command = EVENTWIRE + ["ingest", str(corpus), "--db", str(db), "-q"] + extra
    seconds, peak_kb, code, cpu = measure(command, env)
    row = {"run": label, "documents": docs, "words": words, "seconds": round(seconds, 2),
           "docs_per_s": round(docs / seconds, 2), "words_per_s": round(words / seconds),
           "peak_mb": round(peak_kb / 1024, 1), "program_cpu_ms_per_doc": round(cpu * 1000 / docs, 2),
           "exit_code": code}
    print(json.dumps(row), flush=True)
    return row


def timed(label: str, corpus: Path, docs: int, words: int, extra: list[str], env: dict[str, str],
          work: Path) -> dict[str, object]:
    """``run_one``; for a ``cluster{n}`` run, on a cluster of the user's own of
    ``n`` workers, started (each worker loading the coder) before the clock
    starts and stopped after it."""
    kind = label.removeprefix("warmup-").rpartition("-x")[0]
    if not kind.startswith("cluster"):
        return run_one(label, corpus, docs, words, extra, env, work)
    with usercluster.user_cluster(int(kind.removeprefix("cluster")), env) as address:
        return run_one(label, corpus, docs, words, ["--engine", "dask", "--scheduler", address], env, work)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 5, 10])
    parser.add_argument("--baseline-scales", type=int, nargs="*", default=[1, 5, 10])
    parser.add_argument("--dask-scales", type=int, nargs="*", default=[5, 10],
                        help="scales at which Dask runs with one and with two workers")
    parser.add_argument("--cluster-scales", type=int, nargs="*", default=[],
                        help="scales at which ingest runs on a Dask cluster of the user's own "
                             "(bench/usercluster.py), started before each timed run, "
                             "with one and with two workers")
    parser.add_argument("--plain-scales", type=int, nargs="*", default=[],
                        help="scales at which the plain baseline runs: spaCy's full pipeline over every "
                             "document with nlp.pipe(n_process=--workers), nothing of eventwire (bench/plain.py)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each configuration; the fastest is kept")
    parser.add_argument("--warmup", type=int, default=1,
                        help="untimed runs of each configuration before its first timed one")
    parser.add_argument("--no-ceiling", dest="ceiling", action="store_false",
                        help="skip measuring, with each turn of the Dask runs, what the machine's cores "
                             "give two processes at once (bench/ceiling.py)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "ingest.json")
    args = parser.parse_args()
    if not (SHARED / "corpus").is_dir():
        sys.exit(f"{SHARED} is missing: the benchmark reads ../shared/corpus and ../shared/seeds")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    compile_package()
    rows = []
    ceilings: dict[int, list[dict[str, object]]] = {}
    warmed: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        work = Path(tmp)
        dask_scales = set(args.dask_scales) | set(args.cluster_scales)
        every = set(args.scales) | set(args.baseline_scales) | dask_scales | set(args.plain_scales)
        for scale in sorted(every - {0}):
            corpus = work / f"x{scale}"
            docs, words = build_corpus(corpus, scale)
            common = ["--workers", str(args.workers)]
            runs: list[tuple[str, list[str], dict[str, str]]] = []  # a cluster run's options: `timed`
            if scale in args.scales:
                runs.append((f"eventwire-x{scale}", common, env))
            if scale in args.baseline_scales:
                runs.append((f"baseline-x{scale}", common, {**env, "EVENTWIRE_CODER_BASELINE": "1"}))
            if scale in args.plain_scales:
                runs.append((f"plain-x{scale}", ["--processes", str(args.workers)], env))
            if scale in args.dask_scales:
                runs += [(f"dask{n}-x{scale}", ["--engine", "dask", "--workers", str(n)], env) for n in (1, 2)]
            if scale in args.cluster_scales:
                runs += [(f"cluster{n}-x{scale}", [], env) for n in (1, 2)]
            for label, extra, run_env in runs:
                kind = label.rpartition("-x")[0]
                if kind not in warmed:  # the first run of a kind reads its files from disk
                    warmed.add(kind)
                    for _ in range(args.warmup):
                        timed(f"warmup-{label}", corpus, docs, words, extra, run_env, work)
            tries: dict[str, list[dict[str, object]]] = {label: [] for label, _, _ in runs}
            for _ in range(args.repeat):
                for label, extra, run_env in runs:
                    tries[label].append(timed(label, corpus, docs, words, extra, run_env, work))
                if args.ceiling and scale in dask_scales:  # the machine's share, this turn
                    ceilings.setdefault(scale, []).append(ceiling.measure(env))
                    print(json.dumps({"ceiling_turn": f"x{scale}", **ceilings[scale][-1]}), flush=True)
            for label, rows_of_label in tries.items():
                best = min(rows_of_label, key=lambda r: r["seconds"])
                rows.append({"scale": scale, **best, "all_seconds": [r["seconds"] for r in rows_of_label],
                             "peak_mb": max(r["peak_mb"] for r in rows_of_label)})  # memory: the worst
    summary = summarise(rows, args, ceilings)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": f"{os.cpu_count()} cores", "workers": args.workers,
                                    "runs": rows, "ceilings": {f"x{k}": v for k, v in ceilings.items()},
                                    "summary": summary}, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(summary, indent=2))


def _per_turn(slow: dict, fast: dict, per: list[float] | None = None) -> float:
    """The median over turns of ``slow``'s time over ``fast``'s in the same turn
    (as a share of the turn's figure in ``per``, where given): a slow spell of
    the machine that spans a turn slows both alike."""
    ratios = [s / f for s, f in zip(slow["all_seconds"], fast["all_seconds"])]
    if per is not None:
        ratios = [r / p for r, p in zip(ratios, per)]
    return round(statistics.median(ratios), 2)


def summarise(rows: list[dict], args: argparse.Namespace,
              ceilings: dict[int, list[dict[str, object]]] | None = None) -> dict[str, object]:
    """The issue's targets, measured: fastest over fastest, and turn by turn;
    and the Dask figures against what the machine's cores gave two processes
    in the same turns (``ceilings``, by scale: ``ceiling.measure``)."""
    by = {r["run"]: r for r in rows}
    out: dict[str, object] = {}
    for scale in args.scales:
        ours, base = by.get(f"eventwire-x{scale}"), by.get(f"baseline-x{scale}")
        if ours and base:
            out[f"speedup_vs_baseline_x{scale}"] = round(ours["docs_per_s"] / base["docs_per_s"], 2)
            out[f"speedup_vs_baseline_x{scale}_median_turn"] = _per_turn(base, ours)
        plain = by.get(f"plain-x{scale}")
        if ours and plain:
            out[f"speedup_vs_plain_x{scale}"] = round(ours["docs_per_s"] / plain["docs_per_s"], 2)
            out[f"speedup_vs_plain_x{scale}_median_turn"] = _per_turn(plain, ours)
    if by.get("eventwire-x1") and by.get("eventwire-x10"):
        one, ten = by["eventwire-x1"], by["eventwire-x10"]
        out["memory_x10_over_x1"] = round(ten["peak_mb"] / one["peak_mb"], 3)
        out["time_x10_over_x1"] = round(ten["seconds"] / one["seconds"], 2)
    for kind, scales in (("dask", args.dask_scales), ("cluster", args.cluster_scales)):
        for scale in scales:
            one, two = by.get(f"{kind}1-x{scale}"), by.get(f"{kind}2-x{scale}")
            if one and two:
                out[f"{kind}_2_over_1_x{scale}"] = round(two["docs_per_s"] / one["docs_per_s"], 2)
                out[f"{kind}_2_over_1_x{scale}_median_turn"] = _per_turn(one, two)
        out.update(_added(by, scales, kind))
    out.update(_against_ceiling(by, ceilings or {}))
    return out


def _against_ceiling(by: dict[str, dict], ceilings: dict[int, list[dict[str, object]]]) -> dict[str, float]:
    """The median over turns of what the machine's cores gave two processes at
    once, and of two Dask workers over one as a share of that, turn by turn."""
    out: dict[str, float] = {}
    every = [float(t["ceiling"]) for turns in ceilings.values() for t in turns]
    if every:
        out["two_processes_ceiling_median"] = round(statistics.median(every), 2)
    for scale, turns in sorted(ceilings.items()):
        for kind in ("dask", "cluster"):
            one, two = by.get(f"{kind}1-x{scale}"), by.get(f"{kind}2-x{scale}")
            if one and two and turns:
                out[f"{kind}_2_over_1_x{scale}_of_ceiling_median_turn"] = _per_turn(
                    one, two, [float(t["ceiling"]) for t in turns])
    return out


def _added(by: dict[str, dict], scales: list[int], kind: str = "dask") -> dict[str, float]:
    """Two Dask workers over one (``kind``: a local cluster, or the user's
    own) on what the documents between the smallest and the largest scale
    add to a run's time (fastest runs): what every run costs alike, such as
    a local cluster's start, drops out, as in a long run."""
    both = sorted(s for s in scales if f"{kind}1-x{s}" in by and f"{kind}2-x{s}" in by)
    if len(both) < 2:
        return {}
    low, high = both[0], both[-1]
    added = [by[f"{kind}{n}-x{high}"]["seconds"] - by[f"{kind}{n}-x{low}"]["seconds"] for n in (1, 2)]
    return {f"{kind}_2_over_1_added_x{low}_to_x{high}": round(added[0] / added[1], 2)}


if __name__ == "__main__":
    main()
