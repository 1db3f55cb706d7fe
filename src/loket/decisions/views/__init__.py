"""HTML pages of decisions: the public signature verification page."""
