"""Loket: the open-source digital town hall shared by the municipalities of a region."""

__version__ = "0.1.0"
