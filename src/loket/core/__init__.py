"""The pieces every domain shares."""
