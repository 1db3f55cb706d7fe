"""HTML pages of the resident portal and the back office."""
