"""HTML pages of the catalogue: the public catalogue and the back-office editors."""
