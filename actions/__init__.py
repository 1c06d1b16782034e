"""rasa-sdk action server: thin actions translating between the tracker and `rules_core`."""

# (imported first: the executor answers even when an action fails, see never_silent)
from actions import never_silent  # noqa: E402,F401
