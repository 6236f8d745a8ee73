"""Command groups that live beside ``cli.py``: each module registers its commands on ``cli.app``.

``cli.py`` imports every module listed in ``MODULES`` after defining the app,
so a feature's commands sit next to the feature instead of in one long file.
"""

MODULES: tuple[str, ...] = ("web", "analysis", "pipeline", "evaluate", "train", "models")
