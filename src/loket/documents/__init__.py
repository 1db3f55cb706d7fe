"""Dossier documents: validated uploads, immutable versions, text extraction and search."""
