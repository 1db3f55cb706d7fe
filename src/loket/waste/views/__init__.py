"""Staff pages of the waste domain: the rounds, the CSV import and a round's exceptions
(`backoffice.py`)."""
