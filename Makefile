# The project's commands. `make run` and `make test` set everything up on a fresh machine.
export RASA_TELEMETRY_ENABLED := false
PYTHON := .venv/bin/python

.PHONY: setup browser run shell shell-debug train test nlu-eval bench clean

setup:
	@bash scripts/bootstrap.sh

run: setup
	$(PYTHON) -m bot run

shell: setup
	$(PYTHON) -m bot shell

shell-debug: setup
	$(PYTHON) -m bot shell --debug

train: setup
	$(PYTHON) -m bot train

# The web widget's tests drive Debian's chromium (Playwright's browser download is not used).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installation de chromium (tests du widget web)…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "chromium manque : installez-le en root (apt-get install chromium)." >&2; exit 1; fi; \
	  $$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }

# The whole suite; rules_core must keep 100 % branch coverage.
test: setup browser
	$(PYTHON) -m pytest --cov=rules_core --cov-branch --cov-report=term-missing:skip-covered --cov-fail-under=100

# 5-fold cross-validation of the NLU (intent macro-F1; reports in results/nlu-cv/), then the
# trained model on the held-out set written without seeing data/nlu (tests/nlu_holdout/).
nlu-eval: setup
	bash scripts/nlu_cross_validation.sh
	$(PYTHON) scripts/nlu_holdout_eval.py

# Speed, measured (never asserted in tests): fact extraction, then a form turn through both servers.
bench: setup
	$(PYTHON) -m bot.nlu.bench_facts
	$(PYTHON) -m bench.form_turn_latency

clean:
	rm -rf .venv .tools models .rasa var results .pytest_cache .coverage
