"""The package metadata: what setuptools reads without deprecation warnings (issue 25)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def _pyproject() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def test_the_license_is_an_spdx_string_not_the_deprecated_table() -> None:
    # setuptools warned three times on every install about `license = { text = ... }`
    assert _pyproject()["project"]["license"] == "Apache-2.0"


def test_the_build_asks_for_a_setuptools_that_reads_spdx_licenses() -> None:
    # an SPDX string is read by setuptools 77 and later; older ones refuse it
    requires = _pyproject()["build-system"]["requires"]
    pinned = [r for r in requires if r.startswith("setuptools")]
    assert len(pinned) == 1
    found = re.fullmatch(r"setuptools>=(\d+)(?:\.\d+)*", pinned[0].replace(" ", ""))
    assert found and int(found.group(1)) >= 77
