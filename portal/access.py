"""Who may see member-only content: the one rule every app uses.

Content in any app carries a ``visibility`` (public or members). ``can_view`` decides for one
object, ``VisibilityQuerySet.visible_to`` filters lists, and ``members_only_response`` is what a
person who may not see an item gets instead of it. Views, templates, search, feeds, sitemaps and
file downloads all go through these three.
"""

from django.contrib import messages
from django.db import models
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html

from portal.membership import membership_status


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public"
    MEMBERS = "members", "Members only"


def may_see_member_content(user) -> bool:
    """Staff see everything; otherwise only active society members see member-only items."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return membership_status(user).is_active


def can_view(user, obj) -> bool:
    return obj.visibility == Visibility.PUBLIC or may_see_member_content(user)


class VisibilityQuerySet(models.QuerySet):
    def visible_to(self, user):
        if may_see_member_content(user):
            return self
        return self.filter(visibility=Visibility.PUBLIC)


class MemberContent(models.Model):
    """Abstract base for anything that can be public or for members only."""

    visibility = models.CharField(
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
        help_text="Members-only items show their title and summary to everyone, "
        "but their content only to active members and staff.",
    )

    class Meta:
        abstract = True

    @property
    def is_members_only(self) -> bool:
        return self.visibility == Visibility.MEMBERS


def members_only_response(request, obj, *, title=None):
    """The answer for someone who may not see ``obj``.

    Anonymous visitors are sent to log in and brought back; logged-in non-members and expired
    members get a 403 page naming the item and offering how to join or renew. Nothing of the
    item's body or file is in it.
    """
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login  # imports the user model

        # Shown above the log-in form, so a visitor who is not a member yet knows why they are
        # there and how to become one.
        messages.info(
            request,
            format_html(
                "“{}” is for ASCLS members. Log in to read it, or see "
                '<a href="{}">how to join ASCLS</a>.',
                title or str(obj),
                reverse("membership"),
            ),
        )
        return redirect_to_login(request.get_full_path())
    context = {
        "item": obj,
        "item_title": title or str(obj),
        "status": membership_status(request.user),
    }
    return render(request, "portal/members_only.html", context, status=403)


class MemberContentDetailMixin:
    """For DetailViews of ``MemberContent``: answer with ``members_only_response`` when needed."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not can_view(request.user, self.object):
            return members_only_response(request, self.object)
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)
