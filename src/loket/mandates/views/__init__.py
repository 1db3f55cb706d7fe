"""Mandate pages of the signed-in resident: the mandates they gave and received, and the
"acting as" choice (portal.py)."""
