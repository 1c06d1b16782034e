"""The embeddable chat widget (static files) and the small HTTP server that serves it."""
