"""The analyst workbench: a FastAPI app with HTML pages, their JSON twins and reviews.

>>> from eventwire.web import create_app
>>> app = create_app("eventwire.db", token="alice:a-long-secret")  # doctest: +SKIP
"""

from __future__ import annotations

from eventwire.web.app import create_app

__all__ = ["create_app"]
