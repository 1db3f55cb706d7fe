"""Loket's own date formats per language, where Django's differ from what a reader in
Belgium expects (`FORMAT_MODULE_PATH`)."""
