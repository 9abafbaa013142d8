"""What search engines and link previews read in a page's head: its canonical address, absolute
URLs for images, and block text captured once for the title, description and their Open Graph
copies."""

from html import unescape

from django import template
from django.templatetags.static import static
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

register = template.Library()


def canonical_url_for(request) -> str:
    """The page's own address on the portal: no query string (tracking tags, filters, sort
    orders all lead to the same page), except ``?page=N`` for the second page of a list on."""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    # isdigit() alone lets "²" and 5,000-digit numbers through, and int() fails on both.
    if page.isascii() and page.isdigit() and len(page) <= 9 and int(page) > 1:
        url += f"?page={int(page)}"
    return url


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    request = context.get("request")
    return canonical_url_for(request) if request is not None else ""


@register.simple_tag(takes_context=True)
def absolute_static(context, path) -> str:
    """A static file's full URL (with scheme and host), as link previews need."""
    url = static(path)
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)  # so {% block %} tags inside stay overridable

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # Rendered once and stored where the rest of the template can read it.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """``{% capture name %}…{% endcapture %}``: render the body once (blocks inside it included)
    and keep the output in ``name`` for use several times."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("Usage: {% capture name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


@register.filter
def meta_text(value) -> str:
    """Rendered HTML as one line of plain text, escaped for an attribute: tags dropped,
    entities decoded then escaped once, runs of white space made one space."""
    text = " ".join(unescape(strip_tags(str(value))).split())
    return escape(text)
