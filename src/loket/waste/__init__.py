"""Waste collection: fractions, zones with their streets, collection rounds and their
exceptions, the resident's calendar (page, iCalendar) and the evening-before reminder."""
