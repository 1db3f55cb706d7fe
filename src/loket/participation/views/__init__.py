"""Participation pages: `public` (a municipality's ideas and one idea with its history),
`portal` (the resident proposes, votes, comments and answers the happiness survey),
`backoffice` (moderation, public status, merging; the survey's areas and results)."""
