"""Forms as data: the definition format, the answer check and what the register pre-fills."""
