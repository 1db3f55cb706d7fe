"""HTML pages of the cases domain: the portal (request forms, my requests) and the back
office (work queue, case page, counter submissions)."""
