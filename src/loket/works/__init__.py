"""Public works and occupations of the public domain the municipality has planned: where,
when, what (for the map of "my municipality")."""
