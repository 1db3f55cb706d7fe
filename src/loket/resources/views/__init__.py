"""Resources pages: public (a municipality's resources, a resource's availability calendar
and iCalendar feed), portal (book, my reservations, cancel) and back office (approval
queue, a booking's decision, resources with their rules and tariffs)."""
