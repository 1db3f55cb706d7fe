"""What every domain shares: lifecycles, plugin registries, placeholders, common enums."""
