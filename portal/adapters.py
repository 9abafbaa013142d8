from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from portal.mail import queue_email
from portal.services import membership_link_user


class PortalAccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # Same context as allauth builds, but the message is queued instead of sent inline.
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        queue_email(self.render_mail(template_prefix, email, ctx), kind=template_prefix)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            # Someone on the national roster is a member from the moment they sign up.
            membership_link_user(user=user)
        return user

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        membership_link_user(user=email_address.user)
        return confirmed
