"""HTML pages of documents: search and download in the back office, the resident's download."""
