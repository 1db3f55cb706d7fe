"""Decision letters: rendered as PDF, signed (PAdES) with the municipality's certificate,
and verified on a public page."""
