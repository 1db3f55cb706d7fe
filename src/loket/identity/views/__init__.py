"""Sign-in pages."""
