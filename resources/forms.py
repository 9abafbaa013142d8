from django import forms

from portal.access import Visibility
from resources.models import Audience, Resource, Topic
from resources.search import MAX_QUERY_LENGTH, clean_query


class ResourceFilterForm(forms.Form):
    """The library's filters, read from the URL. A value that does not fit is ignored rather
    than reported: a stale bookmark should still show the library."""

    SORT_CHOICES = [("", "Best match / newest"), ("newest", "Newest first"), ("title", "Title A–Z")]

    q = forms.CharField(label="Search", required=False)
    audience = forms.ModelChoiceField(
        queryset=Audience.objects.all(), to_field_name="slug", required=False, empty_label="All"
    )
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(), to_field_name="slug", required=False, empty_label="All"
    )
    kind = forms.ChoiceField(choices=[("", "All"), *Resource.Kind.choices], required=False)
    access = forms.ChoiceField(
        choices=[
            ("", "All"),
            (Visibility.PUBLIC, "Open to everyone"),
            (Visibility.MEMBERS, "Members only"),
        ],
        required=False,
    )
    sort = forms.ChoiceField(label="Sort by", choices=SORT_CHOICES, required=False)

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and "q" in data:
            data["q"] = clean_query(data["q"])[:MAX_QUERY_LENGTH]
        super().__init__(data, **kwargs)

    def filters(self) -> dict:
        """The valid filters only; invalid ones are dropped."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    def active_filter_names(self):
        return [
            self.fields[name].label or name.title() for name in self.filters() if name != "sort"
        ]
