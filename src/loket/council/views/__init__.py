"""The council's pages: `public.py` (anyone: the bodies, the meetings, the agenda, the
decision list and the minutes, with RDFa and as JSON-LD) and `backoffice.py` (the
secretary: meetings, agenda items, what the meeting treated, voted and decided)."""
