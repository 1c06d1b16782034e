"""rasa-sdk action server: thin actions translating between the tracker and `rules_core`."""
