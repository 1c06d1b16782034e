#!/usr/bin/env bash
# Installs what is missing, from the lock file: a Python 3.10 venv in .venv with the
# exact dependency tree of requirements.lock. Re-running it when nothing changed costs ~1 s.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.8
PYTHON_VERSION=$(cat .python-version)

find_python() {
  # pyenv (the machines' way), then a python3.10 on PATH.
  if command -v pyenv >/dev/null 2>&1; then
    local prefix
    prefix=$(pyenv prefix "$PYTHON_VERSION" 2>/dev/null | head -n1 || true)
    if [ -n "$prefix" ] && [ -x "$prefix/bin/python$PYTHON_VERSION" ]; then
      echo "$prefix/bin/python$PYTHON_VERSION"; return
    fi
  fi
  if command -v "python$PYTHON_VERSION" >/dev/null 2>&1; then
    command -v "python$PYTHON_VERSION"; return
  fi
  echo "Python $PYTHON_VERSION est introuvable (pyenv install $PYTHON_VERSION)." >&2
  exit 1
}

PYTHON=$(find_python)

# uv itself lives in its own small venv, so that `uv sync` can keep .venv exact.
if [ ! -x .tools/bin/uv ] || [ "$(.tools/bin/uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  echo "Installation de uv $UV_VERSION…"
  "$PYTHON" -m venv .tools
  .tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi

[ "${1:-}" = "--tools-only" ] && exit 0

# .venv mirrors requirements.lock exactly; the stamp skips the check when the lock did not change.
stamp=.venv/.requirements.lock.sha256
wanted=$(sha256sum requirements.lock | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -x .venv/bin/python ]; then
  exit 0
fi
echo "Installation des dépendances (requirements.lock)…"
[ -x .venv/bin/python ] || .tools/bin/uv venv --quiet --python "$PYTHON" .venv
.tools/bin/uv pip sync --quiet --python .venv/bin/python --require-hashes requirements.lock
echo "$wanted" > "$stamp"
