from datetime import timedelta

from django.db import models
from django.utils import timezone


class EmployerQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status="approved")

    def for_user(self, user):
        """Employers ``user`` may act for (approved or not)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(members=user)


class JobQuerySet(models.QuerySet):
    def live(self, today=None):
        """Published and not past the closing date: what job seekers can find and apply to."""
        today = today or timezone.localdate()
        return self.filter(status="published", closes_on__gte=today)

    def due_to_expire(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status="published", closes_on__lt=today)

    def expiring_within(self, days, today=None):
        today = today or timezone.localdate()
        return self.live(today).filter(closes_on__lte=today + timedelta(days=days))

    def managed_by(self, user):
        """Posts ``user`` may edit and see applicants of: those of approved employers they
        belong to."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(employer__members=user, employer__status="approved")

    def of_employers(self, employers):
        return self.filter(employer__in=employers)

    def posted_within(self, days, now=None):
        now = now or timezone.now()
        return self.filter(published_at__gte=now - timedelta(days=days))


class ApplicationQuerySet(models.QuerySet):
    def visible_to_employer_user(self, user):
        """Applications an employer user may see: only those to the jobs of approved employers
        they belong to."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(job__employer__members=user, job__employer__status="approved")

    def of_applicant(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(applicant=user)
