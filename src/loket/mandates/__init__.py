"""Acting on behalf of others: a parent for a minor child, a resident for another adult
by a recorded mandate, a representative for an organisation, a clerk assisting a resident
at the counter (docs/identity.md, "Mandates")."""
