"""Pages of contact moments: the quick-capture form and a contact moment's page, both in
the back office (views/backoffice.py)."""
