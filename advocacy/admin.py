from advocacy import admin_letters  # noqa: F401  (the sample letter and institutions)
