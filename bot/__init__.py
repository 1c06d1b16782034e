"""Rasa-side package of the points-licence assistant: launcher, services, NLU components, web widget."""
