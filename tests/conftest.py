"""Shared fixtures: the spaCy pipeline (loaded once), the ../shared folder, and
brand-new databases on SQLite and PostgreSQL.

The PostgreSQL databases are made on the server named by ``EVENTWIRE_TEST_PG``
(``make test`` starts one on loopback with scripts/test-postgres.sh). Without
that variable a test that needs one fails with a message saying how to start
the server, unless it is set to ``skip``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"
GOLD = REPO / "tests" / "gold"


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load_nlp
    return load_nlp()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The third-party reports beside the repository (present in CI)."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def free_port() -> Callable[[], int]:
    """Gives a port on loopback that nothing listens on (for a test's own server)."""
    return _free_port


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, timeout=120, check=True)
    return set(out.stdout.split())


@pytest.fixture(scope="session")
def modules_after() -> Callable[[str], set[str]]:
    """Gives the modules a fresh interpreter has loaded once it has run some code."""
    return _modules_after


#: asked of a Dask worker, which cannot import the test modules: whether its
#: process has loaded the coder
_CODER_LOADED = "__import__('eventwire.engine.work', fromlist=['work'])._coder is not None"


@pytest.fixture(scope="session")
def coder_loaded_on() -> Callable[[Any], dict[str, bool]]:
    """Gives, for a Dask client, whether each of its workers has the coder loaded."""
    return lambda client: client.run(eval, _CODER_LOADED)


PG_ENV = "EVENTWIRE_TEST_PG"


def postgres_admin_url() -> str:
    url = os.environ.get(PG_ENV, "")
    if url == "skip":
        pytest.skip(f"{PG_ENV}=skip")
    if not url:
        pytest.fail(f"{PG_ENV} is not set: start a server with "
                    f"`export {PG_ENV}=$(bash scripts/test-postgres.sh)` (make test does this)")
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A brand-new, empty PostgreSQL database, dropped afterwards."""
    admin = sa.make_url(postgres_admin_url()).set(drivername="postgresql+psycopg")
    name = f"ew_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture
def postgres_typed_url(postgres_url: str) -> str:
    """``postgres_url`` in the form a user types it (``postgresql://``, no driver named)."""
    return sa.make_url(postgres_url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A brand-new database's ``--db``: a SQLite file, then ``postgres_typed_url``."""
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    return str(request.getfixturevalue("postgres_typed_url"))


@pytest.fixture
def undated_and_dated():  # type: ignore[no-untyped-def]
    """A coded document with two events alike but for their date and their
    actor's name: "Undated Person" has no date, "Dated Person" 2024-01-01."""
    from datetime import date

    from eventwire.records import Actor, CodedDocument, Document, Event, Evidence

    text = "The ministers met. The chiefs spoke."
    doc = Document(id="d" * 40, source="people.txt", text=text)

    def said_by(name: str, when: date | None, k: int) -> Event:
        sentence = text.split(". ")[k]
        start = text.index(sentence)
        return Event(category="CONSULT", actor=[Actor("NOR", "GOV", name=name)],
                     recipient=[Actor("DNK", "GOV")], date=when,
                     evidence=Evidence(doc.id, k, start, start + len(sentence), sentence))

    return CodedDocument(doc, [said_by("Undated Person", None, 0),
                               said_by("Dated Person", date(2024, 1, 1), 1)])


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """What ``make demo`` makes: examples/ ingested by the real pipeline into a SQLite
    file (read-only for the tests that use it)."""
    from eventwire.pipeline import ingest
    from eventwire.store import open_store

    path = tmp_path_factory.mktemp("demo") / "eventwire.db"
    with open_store(str(path)) as store:
        report = ingest([str(EXAMPLES)], store, engine="local")
    assert report.problems == [] and report.stored > 18
    return str(path)


def _run_eventwire(*args: str, columns: int = 80, check: bool = True,
                   **kwargs: Any) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), **kwargs.pop("env", {})}
    done = subprocess.run([sys.executable, "-m", "eventwire", *args], env=env, text=True,
                          capture_output=True, timeout=300, **kwargs)
    if check:
        assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="session")
def eventwire() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Runs the program as a user does, its output ``columns`` wide (default 80);
    fails the test on a non-zero exit unless ``check=False``."""
    return _run_eventwire


@pytest.fixture(autouse=True, scope="session")
def private_data_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Models a test saves go to a folder of the session's own, never the user's."""
    home = tmp_path_factory.mktemp("eventwire-home")
    before = os.environ.get("EVENTWIRE_HOME")
    os.environ["EVENTWIRE_HOME"] = str(home)
    yield home
    if before is None:
        os.environ.pop("EVENTWIRE_HOME", None)
    else:
        os.environ["EVENTWIRE_HOME"] = before
