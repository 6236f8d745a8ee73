"""Which event model codes: the shipped one, another folder, or the rules alone.

``--model`` (and ``EVENTWIRE_MODEL``) take a model folder written by
``eventwire train``, ``default`` for the model shipped in the package, or
``rules`` for the hand-written rules alone (coder 0.1).
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventwire.errors import ModelError
from eventwire.learn.model import META, EventModel

DEFAULT = "default"
RULES = "rules"
ENV = "EVENTWIRE_MODEL"


def packaged_model_dir() -> Path:
    """The folder of the model shipped in the package."""
    return Path(str(resources.files("eventwire") / "data" / "model"))


def model_dir(spec: str | os.PathLike[str] | None = None) -> Path | None:
    """The folder of the model ``spec`` names (``None``: the environment's, else the
    shipped one); ``None`` for the rules alone."""
    wanted = str(spec) if spec is not None else os.environ.get(ENV) or DEFAULT
    if wanted == RULES:
        return None
    path = packaged_model_dir() if wanted == DEFAULT else Path(wanted).expanduser()
    if not (path / META).is_file():
        if wanted == DEFAULT:
            raise ModelError(f"the shipped event model is missing from {path}; rebuild it with `make model` "
                             f"or choose one with --model DIR (or --model rules)")
        raise ModelError(f"no event model in {path} (no {META}); give a folder written by "
                         "`eventwire train --out DIR`, `default`, or `rules`")
    return path


@lru_cache(maxsize=4)
def _load(path: Path) -> EventModel:
    return EventModel.load(path)


def load_model(spec: str | os.PathLike[str] | None = None) -> EventModel | None:
    """The model ``spec`` names, loaded once per process (``None`` for the rules alone)."""
    path = model_dir(spec)
    return None if path is None else _load(path.resolve())
