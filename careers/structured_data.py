"""schema.org JobPosting data for search engines, from a live job."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.html import strip_tags

EMPLOYMENT_TYPES = {
    "full_time": "FULL_TIME",
    "part_time": "PART_TIME",
    "per_diem": "PER_DIEM",
    "contract": "CONTRACTOR",
    "temporary": "TEMPORARY",
}


def job_posting_json_ld(job, request) -> dict:
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.description,
        "datePosted": job.published_at.date().isoformat() if job.published_at else None,
        "validThrough": timezone.make_aware(
            datetime.combine(job.closes_on, time(23, 59))
        ).isoformat()
        if job.closes_on
        else None,
        "employmentType": EMPLOYMENT_TYPES.get(job.employment_type, "OTHER"),
        "hiringOrganization": {
            "@type": "Organization",
            "name": job.employer.name,
            **({"sameAs": job.employer.website} if job.employer.website else {}),
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": job.city,
                "addressRegion": job.state,
                "addressCountry": "US",
            },
        },
        "url": request.build_absolute_uri(job.get_absolute_url()),
        "directApply": job.applies_through_portal,
    }
    if job.workplace == "remote":
        data["jobLocationType"] = "TELECOMMUTE"
    if job.salary_min or job.salary_max:
        value = {"@type": "QuantitativeValue", "unitText": job.salary_period.upper()}
        if job.salary_min:
            value["minValue"] = float(job.salary_min)
        if job.salary_max:
            value["maxValue"] = float(job.salary_max)
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "USD", "value": value}
    data["description"] = data["description"] or strip_tags(job.title)
    return {k: v for k, v in data.items() if v is not None}
