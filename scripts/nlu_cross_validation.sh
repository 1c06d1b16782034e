#!/usr/bin/env bash
# 5-fold cross-validation of the NLU data (data/nlu) with the project's pipeline (config.yml).
# Prints the intent macro-F1. Reports land in results/nlu-cv/ (intent_report.json,
# intent_errors.json, intent_confusion_matrix.png).
# Usage: scripts/nlu_cross_validation.sh [CONFIG]   (default: config.yml)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CONFIG="${1:-config.yml}"
OUT="results/nlu-cv"

export RASA_TELEMETRY_ENABLED=false
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"

.venv/bin/rasa test nlu \
  --nlu data/nlu \
  --config "$CONFIG" \
  --cross-validation --folds 5 \
  --out "$OUT" --successes

.venv/bin/python - "$OUT/intent_report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
print(f"intent macro-F1: {report['macro avg']['f1-score']:.4f}")
PY
