"""A real database built once per session by ingesting examples/ and an article
carrying script payloads (written here), and clients of the app on it."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

# starlette asks for a package (httpx2) that is not among our pinned dependencies
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from fastapi.testclient import TestClient  # noqa: E402

from eventwire.store import open_store  # noqa: E402
from eventwire.web import create_app  # noqa: E402
from workbench_data import SECRET, TOKEN, ingest_workbench_corpus  # noqa: E402


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example corpus and the hostile article, ingested by the real pipeline."""
    folder = tmp_path_factory.mktemp("corpus")
    path = folder / "examples.db"
    ingest_workbench_corpus(str(path), folder)
    return path


@pytest.fixture
def db_copy(examples_db: Path, tmp_path: Path) -> Path:
    """A private copy of the session database, for tests that write."""
    target = tmp_path / "copy.db"
    shutil.copyfile(examples_db, target)
    return target


@pytest.fixture(scope="session")
def reader(examples_db: Path) -> Iterator[TestClient]:
    """A client of a read-only server (no token) on the session database."""
    with TestClient(create_app(str(examples_db)), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def writer(db_copy: Path) -> Iterator[TestClient]:
    """A client of a server with a token, on a private copy; sends the token."""
    app = create_app(str(db_copy), token=TOKEN)
    with TestClient(app, raise_server_exceptions=False,
                    headers={"Authorization": f"Bearer {SECRET}"}) as client:
        yield client


@pytest.fixture
def hostile_doc_id(examples_db: Path) -> str:
    with open_store(str(examples_db)) as store:
        found = [d for d in store.documents() if d.title and "<script>" in d.title]
    assert len(found) == 1
    return found[0].id
