"""HTML pages of notifications: the resident's inbox (portal) and the back office (messages,
templates, letters, the demo text-message outbox)."""
