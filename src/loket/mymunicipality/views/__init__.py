"""Pages of "My municipality": the page itself (anyone; the signed-in resident sees their
own address and items) and its waste calendar as an iCalendar file (`public.py`)."""
