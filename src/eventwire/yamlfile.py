"""Reading YAML data files: libyaml's C loader when PyYAML was built with it.

The actor dictionary alone is ~16,000 YAML nodes; the pure-Python loader
spends over a second on it in every worker, the C loader a tenth of that.
Both raise ``yaml.YAMLError`` subclasses and build the same Python values.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML text with the safe (no object construction) loader."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
