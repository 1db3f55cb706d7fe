"""HTML pages of the assistant: the question page and widget (portal) and the back office
(review, contact questions, frequently asked questions)."""
