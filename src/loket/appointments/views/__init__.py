"""The appointments pages: booking and the manage link (`public.py`), "my appointments"
(`portal.py`), the staff calendar and booking (`backoffice.py`) and the set-up of offices
(`configuration.py`)."""
