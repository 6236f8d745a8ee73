"""spaCy imported for the coder leaves its command line unloaded, and still works whole.

Each check runs in a fresh interpreter: this one imported spaCy long ago.
"""

from __future__ import annotations

import json
import subprocess
import sys

CLI = ("spacy.cli", "spacy.cli.info", "typer", "requests", "weasel", "httpx")


def _fresh(code: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _loaded(names: tuple[str, ...] = CLI) -> str:
    return f"{{n: n in sys.modules for n in {names!r}}}"


def test_loading_the_coder_leaves_spacys_command_line_unloaded() -> None:
    got = _fresh("import sys, json\n"
                 "from eventwire.engine.work import warm_up, _get_coder\n"
                 "warm_up()\n"
                 f"print(json.dumps({{'coder': _get_coder() is not None, 'loaded': {_loaded()}}}))")
    assert got["coder"] is True
    assert got["loaded"] == {name: False for name in CLI}


def test_spacy_info_and_the_command_line_still_work_after_it() -> None:
    got = _fresh("import sys, json\n"
                 "from eventwire.spacy_import import import_spacy\n"
                 "spacy = import_spacy()\n"
                 f"before = {_loaded()}\n"
                 "version = spacy.info()['spacy_version']\n"
                 "import spacy.cli\n"
                 "from spacy.cli.info import info\n"
                 "print(json.dumps({'before': before, 'version': version, 'real': info.__module__,\n"
                 "                  'commands': 'info' in [c.name for c in spacy.cli.app.registered_commands]}))")
    assert got["before"] == {name: False for name in CLI}
    assert got["version"] and got["real"] == "spacy.cli.info"
    assert got["commands"] is True  # the real module registered its command


def test_a_spacy_imported_already_is_left_as_it_is() -> None:
    got = _fresh("import sys, json\n"
                 "import spacy\n"
                 "from eventwire.spacy_import import import_spacy\n"
                 "print(json.dumps({'same': import_spacy() is spacy, 'info': spacy.info.__module__}))")
    assert got == {"same": True, "info": "spacy.cli.info"}


def test_any_other_name_asked_of_the_stand_in_loads_the_real_module() -> None:
    got = _fresh("import sys, json\n"
                 "from eventwire import spacy_import\n"
                 "stand_in = spacy_import._stand_in()\n"
                 "sys.modules['spacy.cli.info'] = stand_in\n"
                 "import spacy\n"
                 "from spacy.cli.info import info  # answered by the stand-in\n"
                 "from spacy.cli.info import info_spacy  # not the stand-in's: the real module's\n"
                 "print(json.dumps({'info': info.__module__, 'other': info_spacy.__module__,\n"
                 "                  'stand_in_gone': sys.modules['spacy.cli.info'] is not stand_in}))")
    assert got == {"info": "eventwire.spacy_import", "other": "spacy.cli.info", "stand_in_gone": True}
