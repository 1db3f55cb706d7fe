"""Views of the works domain, by audience: `backoffice` (staff). Residents see works on
"My municipality" (loket.mymunicipality)."""
