"""The Career Center's fixed vocabularies, in the words lab job posts use."""

from django.db import models


class Workplace(models.TextChoices):
    ON_SITE = "on_site", "On-site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


class Discipline(models.TextChoices):
    GENERALIST = "generalist", "Generalist"
    CHEMISTRY = "chemistry", "Chemistry"
    HEMATOLOGY = "hematology", "Hematology"
    MICROBIOLOGY = "microbiology", "Microbiology"
    BLOOD_BANK = "blood_bank", "Blood bank"
    MOLECULAR = "molecular", "Molecular"
    HISTOLOGY = "histology", "Histology"
    CYTOLOGY = "cytology", "Cytology"
    PHLEBOTOMY = "phlebotomy", "Phlebotomy"
    POINT_OF_CARE = "point_of_care", "Point of care"
    MANAGEMENT = "management", "Management"
    EDUCATION = "education", "Education"


class Credential(models.TextChoices):
    MLS = "mls", "MLS"
    MLT = "mlt", "MLT"
    PBT = "pbt", "PBT"
    HT_HTL = "ht_htl", "HT/HTL"
    SBB = "sbb", "SBB"
    OTHER = "other", "Other"


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    PER_DIEM = "per_diem", "Per diem"
    CONTRACT = "contract", "Contract"
    TEMPORARY = "temporary", "Temporary"


class Shift(models.TextChoices):
    DAY = "day", "Day"
    EVENING = "evening", "Evening"
    NIGHT = "night", "Night"
    ROTATING = "rotating", "Rotating"
    WEEKEND = "weekend", "Weekend"


class SalaryPeriod(models.TextChoices):
    HOUR = "hour", "per hour"
    YEAR = "year", "per year"


class ApplyMethod(models.TextChoices):
    PORTAL = "portal", "Through this portal"
    URL = "url", "On the employer's web site"
    EMAIL = "email", "By email to the employer"
