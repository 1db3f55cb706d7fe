"""Activities pages: public browsing (public.py), the parent's registrations (portal.py) and
the back office's configuration and attendance lists (backoffice.py)."""
