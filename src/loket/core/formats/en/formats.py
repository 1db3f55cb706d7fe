"""English as read in Belgium: numeric dates day first (03/12/2026 is 3 December), as in
Dutch and French; Django's `en` writes them month first. Written-out dates stay
"March 14, 1986" (unambiguous)."""

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y P"
# A date typed as text is read the way it is written: day first (ISO always works).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y"]
