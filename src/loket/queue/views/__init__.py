"""The queue pages: the kiosk, the phone page, the ticket page and the hall display
(public.py); the desks and the clerk's ticket (backoffice.py)."""
