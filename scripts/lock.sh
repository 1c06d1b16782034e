#!/usr/bin/env bash
# Re-resolves the dependency tree of pyproject.toml into requirements.lock (exact
# versions and hashes, for Linux x86_64 and Python 3.10). Run after editing the
# dependencies, then commit both files.
# `uv lock` is not used: it assumes every wheel of a release has the same metadata,
# which TensorFlow 2.12 breaks (its aarch64 wheel declares no dependency).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --tools-only
.tools/bin/uv pip compile pyproject.toml --group dev --generate-hashes \
  --python-version 3.10 --python-platform x86_64-manylinux_2_28 \
  --output-file requirements.lock --quiet
