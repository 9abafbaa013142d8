"""Settings: `base` is read from the environment (development and production); `test` adds test-only overrides."""
