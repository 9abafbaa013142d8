# The admin is split by area so each stays readable; importing registers the models.
from certification import admin_catalog, admin_webinars  # noqa: F401
