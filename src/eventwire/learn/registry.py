"""Which event model codes: the shipped one, a saved version, another folder,
or the rules alone.

``--model`` (and ``EVENTWIRE_MODEL``) take ``default`` for the model shipped in
the package, ``rules`` for the hand-written rules alone (coder 0.1), a model
folder written by ``eventwire train --out``, or the name of a model
``eventwire train`` saved in the user's data folder: ``NAME`` for its latest
version, ``NAME:VERSION`` for another (``eventwire models`` lists them).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventwire.errors import ModelError
from eventwire.learn.model import META, EventModel

DEFAULT = "default"
RULES = "rules"
ENV = "EVENTWIRE_MODEL"
HOME_ENV = "EVENTWIRE_HOME"
#: what a model's name and version may be: they name folders
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def data_home() -> Path:
    """The user's eventwire data folder: ``$EVENTWIRE_HOME``, else
    ``$XDG_DATA_HOME/eventwire``, else ``~/.local/share/eventwire``."""
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or "~/.local/share"
    return Path(base).expanduser() / "eventwire"


def models_home() -> Path:
    """Where saved models live: ``<data folder>/models/NAME/VERSION``."""
    return data_home() / "models"


def check_name(value: str, what: str) -> str:
    if not NAME.match(value):
        raise ModelError(f"the model {what} {value!r} cannot name a folder; use letters, digits, '.', '-' "
                         "and '_' (up to 64)")
    return value


def _version_key(version: str) -> tuple[int, ...] | tuple[float, str]:
    parts = version.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else (float("inf"), version)


def versions(name: str) -> list[str]:
    """The saved versions of model ``name``, the oldest first."""
    folder = models_home() / name
    found = [p.name for p in folder.iterdir() if (p / META).is_file()] if folder.is_dir() else []
    return sorted(found, key=_version_key)


def next_version(name: str) -> str:
    """The version a new model of this name gets: one past the highest whole number."""
    numbers = [int(v) for v in versions(name) if v.isdigit()]
    return str(max(numbers, default=0) + 1)


def saved_dir(name: str, version: str) -> Path:
    """The folder model ``name`` version ``version`` is saved in."""
    return models_home() / check_name(name, "name") / check_name(version, "version")


def _named(wanted: str) -> Path | None:
    """The folder of a saved model ``NAME`` (latest version) or ``NAME:VERSION``."""
    name, _, version = wanted.partition(":")
    if not NAME.match(name) or (version and not NAME.match(version)):
        return None
    if not version:
        found = versions(name)
        if not found:
            return None
        version = found[-1]
    path = models_home() / name / version
    return path if (path / META).is_file() else None


@dataclass
class SavedModel:
    """A model saved in the data folder, as ``eventwire models`` lists it."""

    name: str
    version: str
    path: Path
    figures: dict
    trained_on: dict


def saved_models() -> list[SavedModel]:
    """Every model saved in the data folder, by name then version."""
    import json
    home = models_home()
    out = []
    for folder in sorted(p for p in home.iterdir() if p.is_dir()) if home.is_dir() else []:
        for version in versions(folder.name):
            meta = json.loads((folder / version / META).read_text(encoding="utf-8"))
            out.append(SavedModel(folder.name, version, folder / version, meta.get("figures", {}),
                                  meta.get("trained_on", {})))
    return out


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
    if wanted != DEFAULT and not (path / META).is_file():
        path = _named(wanted) or path
    if not (path / META).is_file():
        if wanted == DEFAULT:
            raise ModelError(f"the shipped event model is missing from {path}; rebuild it with `make model` "
                             f"or choose one with --model DIR (or --model rules)")
        raise ModelError(f"no event model named {wanted!r} (no saved model of that name, no {META} in "
                         f"{path}); list saved models with `eventwire models`, or give a folder written by "
                         "`eventwire train --out DIR`, `default`, or `rules`")
    return path


@lru_cache(maxsize=4)
def _load(path: Path) -> EventModel:
    return EventModel.load(path)


def load_model(spec: str | os.PathLike[str] | None = None) -> EventModel | None:
    """The model ``spec`` names, loaded once per process (``None`` for the rules alone)."""
    path = model_dir(spec)
    return None if path is None else _load(path.resolve())
