"""What every domain shares: lifecycles, plugin registries, common enums."""
