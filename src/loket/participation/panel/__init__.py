"""The user panel: residents who join with their interests, and the research activities
(user research, a test of a new form) staff invite a selection of them to."""
