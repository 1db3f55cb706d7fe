"""The "My municipality" page: for one address (the signed-in resident's own, or one typed
by a visitor) the waste calendar, works and open reports nearby, the town hall, the
upcoming council meetings and, for the resident, their own open requests, appointments and
reservations. Composes the selectors of the domains below; owns no tables."""
