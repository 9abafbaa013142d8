"""The CE options directory's filters: read from the URL, combined, and forgiving.

A value that does not fit (a type or topic that was renamed, a made-up format) is dropped rather
than reported, so an old bookmark or a hand-edited link still shows the directory.
"""

from django import forms

from certification.models import CEActivity, CECategory, CEOption, CEOptionType

# The URL parameters of the directory, in the order filter links are built.
FILTER_NAMES = ("type", "topic", "format", "pace", "ascp")


class FlagInput(forms.CheckboxInput):
    """A checkbox that sends "1" and counts as ticked only for "1": ``?pace=yes`` or
    ``?pace=0`` leave the filter off instead of guessing."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"value": "1", **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        return data.get(name) == "1"


class CEOptionFilterForm(forms.Form):
    type = forms.ModelChoiceField(
        label="Kind of CE",
        queryset=CEOptionType.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All kinds",
    )
    topic = forms.ModelChoiceField(
        label="Topic",
        queryset=CECategory.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All topics",
    )
    format = forms.ChoiceField(
        label="Format",
        choices=[("", "Any format"), *CEActivity.Format.choices],
        required=False,
    )
    pace = forms.BooleanField(label="Awards P.A.C.E. credit", required=False, widget=FlagInput)
    ascp = forms.BooleanField(label="Accepted for ASCP CMP", required=False, widget=FlagInput)

    def filters(self) -> dict:
        """The valid, active filters only."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in FILTER_NAMES if cleaned.get(name)}


def filter_options(filters: dict):
    """Published CE options matching every filter in ``filters`` (from ``CEOptionFilterForm``),
    with what the directory shows about each fetched up front."""
    options = CEOption.objects.filter(is_published=True)
    if option_type := filters.get("type"):
        options = options.filter(type=option_type)
    if topic := filters.get("topic"):
        options = options.filter(topics=topic)
    if option_format := filters.get("format"):
        options = options.filter(format=option_format)
    if filters.get("pace"):
        options = options.filter(awards_pace=True)
    if filters.get("ascp"):
        options = options.filter(ascp_accepted=True)
    return (
        options.select_related("type")
        .prefetch_related("topics")
        .order_by("type__order", "type__name", "name", "pk")
    )


def filter_query(filters: dict) -> dict:
    """The URL parameters for ``filters``: model choices by slug, flags as "1"."""
    query = {}
    for name in FILTER_NAMES:
        value = filters.get(name)
        if not value:
            continue
        if hasattr(value, "slug"):
            query[name] = value.slug
        elif value is True:
            query[name] = "1"
        else:
            query[name] = value
    return query
