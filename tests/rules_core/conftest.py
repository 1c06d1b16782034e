"""rules_core tests: hypothesis without deadlines (no timed assertions)."""

from hypothesis import settings

settings.register_profile("rules_core", deadline=None, derandomize=True)
settings.load_profile("rules_core")
