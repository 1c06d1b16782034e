"""The project's source files hold no control characters: a regular expression written "\\b" in a file saved through a
tool that read it as an escape became a backspace (U+0008), and silently never matched (actions/answers.py's
_READ_ON_THE_FILE and actions/forms.py's _PUT_ON_THE_PASSENGER did, until 5 December 2026)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(path for folder in ("actions", "bot", "rules_core", "data", "tests", "scripts")
                 for pattern in ("*.py", "*.yml", "*.yaml", "*.json") for path in (ROOT / folder).rglob(pattern))
# every character below a space but the tab, the line feed and the carriage return, and DEL
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_control_character(path):
    text = path.read_text(encoding="utf-8")
    found = _CONTROL.search(text)
    assert found is None, f"{path.relative_to(ROOT)}: {found.group()!r} at line {text.count(chr(10), 0, found.start()) + 1}"
