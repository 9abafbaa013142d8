"""Settings: `base` reads the environment (development and production); `test` overrides it
for the test suite."""
