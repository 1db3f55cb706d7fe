"""Hand-written demo data: tenants, staff, names and streets (all fictitious residents)."""
