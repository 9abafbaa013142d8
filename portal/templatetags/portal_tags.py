from django import template

register = template.Library()


@register.simple_tag
def field_widget(bound_field):
    """Render a field's input with its hint and errors named in aria-describedby, and
    aria-invalid set when it has errors."""
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    attrs = {}
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)
