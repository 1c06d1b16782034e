# The project's commands. `make run` and `make test` set everything up on a fresh machine.
export RASA_TELEMETRY_ENABLED := false
PYTHON := .venv/bin/python

.PHONY: setup run shell shell-debug train test test-rules bench clean

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

test: setup
	$(PYTHON) -m pytest

clean:
	rm -rf .venv .tools models .rasa var results .pytest_cache .coverage
