"""Importing spaCy without its command line.

``import spacy`` imports ``spacy.cli.info`` for the one function ``spacy.info``,
and with it the whole command line: typer, requests, weasel, httpx, jinja2.
That is a sixth to a quarter of the CPU a coder takes to load (0.2-0.3 s of
1.1-1.4 s, measured as the fork server's preload), and none of it codes an
article.
Loading it lazily is what spaCy's own pull requests explosion/spaCy#12962 and
#13933 do; until a release of spaCy does, ``import_spacy`` does it for the
import it makes.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

_INFO = "spacy.cli.info"


def import_spacy() -> ModuleType:
    """spaCy, imported without its command line if nothing imported it yet.

    While spaCy initialises, a stand-in answers for ``spacy.cli.info``; it is
    removed as soon as ``import spacy`` returns, so a later ``import spacy.cli``
    loads the real one. ``spacy.info`` loads it when called, and any other
    name spaCy might ask the stand-in for loads it at once: a spaCy release
    that imports more from there is slower to import, never broken.
    """
    if "spacy" in sys.modules or _INFO in sys.modules:
        return importlib.import_module("spacy")
    stand_in = _stand_in()
    sys.modules[_INFO] = stand_in
    try:
        return importlib.import_module("spacy")
    finally:
        if sys.modules.get(_INFO) is stand_in:
            del sys.modules[_INFO]


def _stand_in() -> ModuleType:
    module = ModuleType(_INFO, "Stands in for spacy.cli.info while spaCy is imported.")

    def info(*args: Any, **kwargs: Any) -> Any:
        """spaCy's ``info``, its command line loaded on first use."""
        return _real().info(*args, **kwargs)

    def __getattr__(name: str) -> Any:  # noqa: N807 - a module's attribute hook
        if name.startswith("__"):  # the import system probing (``__path__``): not a package
            raise AttributeError(name)
        return getattr(_real(), name)

    def _real() -> ModuleType:
        if sys.modules.get(_INFO) is module:
            del sys.modules[_INFO]
        return importlib.import_module(_INFO)

    module.info = info  # type: ignore[attr-defined]
    module.__getattr__ = __getattr__  # type: ignore[attr-defined]
    return module
