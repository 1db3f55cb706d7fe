"""HTML pages of the resident register: the resident's own data ("my page", "my child")
in the portal, the resident search and the resident's record (the 360° view) in the back
office."""
