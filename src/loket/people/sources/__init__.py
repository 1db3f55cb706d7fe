"""Authentic-source plugins that ask a service integrator (see authentic_sources.py)."""
