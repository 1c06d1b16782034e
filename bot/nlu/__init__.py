"""Custom Rasa NLU components for French (dates, numbers, letter codes)."""
