"""Demo accounts, membership categories and the society's own pages for `seed_demo`."""

from datetime import date

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from portal.access import Visibility
from portal.groups import CONTENT_EDITORS, MEMBERSHIP_MANAGERS, sync_staff_groups
from portal.models import Membership, MembershipCategory, Page, Section, User

DEMO_PASSWORD = "labportal-demo"  # noqa: S105 - published on purpose, see README

CATEGORIES = [
    ("Professional", "For working laboratory professionals with a degree or certification."),
    ("Emerging Professional", "For recent graduates in their first years of practice."),
    ("Student", "For students in an MLS, MLT, phlebotomy or related program."),
    ("Retired", "For members who have retired from laboratory practice."),
    ("Developing/Transitional", "For professionals moving into or back into the field."),
]


def demo_account(email, full_name, **extra):
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    if created:
        user.set_password(DEMO_PASSWORD)
    for field, value in extra.items():
        setattr(user, field, value)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed(stdout):
    sync_staff_groups()
    categories = {}
    for order, (name, description) in enumerate(CATEGORIES):
        categories[name], _ = MembershipCategory.objects.get_or_create(
            name=name, defaults={"description": description, "order": order}
        )

    today = timezone.localdate()
    demo_account("visitor@example.org", "Val Visitor", city="Peoria", state="IL")
    member = demo_account(
        "member@example.org",
        "Morgan Member",
        credentials="MLS(ASCP)CM",
        employer="Prairie Regional Medical Center",
        city="Springfield",
        state="IL",
    )
    expired = demo_account(
        "expired@example.org", "Eli Expired", credentials="MLT(ASCP)", city="Joliet", state="IL"
    )
    demo_account("employer@example.org", "Erin Employer", employer="Lakeshore Health Laboratories")
    editor = demo_account("editor@example.org", "Edie Editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    demo_account("admin@example.org", "Ada Admin", is_staff=True, is_superuser=True)
    manager = demo_account("manager@example.org", "Mel Manager", is_staff=True)
    manager.groups.add(Group.objects.get(name=MEMBERSHIP_MANAGERS))

    Membership.objects.update_or_create(
        member_id="IL-100234",
        defaults={
            "first_name": "Morgan",
            "last_name": "Member",
            "email": member.email,
            "category": categories["Professional"],
            "start_date": date(today.year - 3, 7, 1),
            "expiry_date": date(today.year + 1, 6, 30),
            "user": member,
        },
    )
    Membership.objects.update_or_create(
        member_id="IL-100871",
        defaults={
            "first_name": "Eli",
            "last_name": "Expired",
            "email": expired.email,
            "category": categories["Emerging Professional"],
            "start_date": date(today.year - 3, 7, 1),
            "expiry_date": date(today.year - 1, 6, 30),
            "user": expired,
        },
    )
    Membership.objects.update_or_create(
        member_id="IL-101502",
        defaults={
            "first_name": "Sam",
            "last_name": "Student",
            "email": "student@example.org",
            "category": categories["Student"],
            "start_date": date(today.year, 1, 1),
            "expiry_date": date(today.year + 1, 12, 31),
        },
    )

    for order, (slug, title, section, visibility, summary, body) in enumerate(PAGES):
        Page.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "section": section,
                "visibility": visibility,
                "summary": summary,
                "body": body,
                "order": order,
            },
        )
    stdout.write("  portal: demo accounts, membership categories and society pages")


PAGES = [
    (
        "laboratory-resources",
        "Welcome to Laboratory Resources",
        Section.RESOURCES,
        Visibility.PUBLIC,
        "The introduction at the top of the Laboratory Resources page.",
        """<p>This library gathers practical material for everyone who works in the clinical
laboratory: medical laboratory scientists and technicians, phlebotomists, histology and cytology
staff, students, educators and managers. You will find checklists and templates, study guides,
links to the organizations that set the rules, and short videos.</p>
<p>Most of it is open to anyone. Some items, such as templates the society's members wrote for
each other, are for ASCLS members: everyone can see what they are, and members open them after
logging in.</p>""",
    ),
    (
        "about",
        "About the society",
        Section.ABOUT,
        Visibility.PUBLIC,
        "ASCLS-Illinois is the state society for clinical laboratory professionals in Illinois.",
        """<p>ASCLS-Illinois is the Illinois chapter of the American Society for Clinical Laboratory
Science. Our members run the tests behind most clinical decisions: medical laboratory scientists
(MLS), medical laboratory technicians (MLT), phlebotomists, histotechnicians, cytotechnologists,
specialists, educators, managers and the students who will follow them.</p>
<h2>What we do</h2>
<ul>
<li>Offer continuing education, including free monthly webinars for members, approved through the
P.A.C.E. program.</li>
<li>Keep a library of practical resources, many of them open to anyone.</li>
<li>Run a career center where laboratories and job seekers find each other.</li>
<li>Speak for the profession, including the campaign for one standard title: Medical Laboratory
Scientist.</li>
</ul>
<h2>Certification, not licensure</h2>
<p>Illinois does not license laboratory personnel. Employers here look for national
certification instead, which is why the society puts so much effort into helping members earn and
keep their credentials.</p>""",
    ),
    (
        "contact",
        "Contact the society",
        Section.ABOUT,
        Visibility.PUBLIC,
        "How to reach the society's officers and volunteers.",
        """<p>The society is run by volunteers. Write to us and the right officer will answer,
usually within a few working days.</p>
<ul>
<li>General questions and this website:
<a href="mailto:info@ascls-il.org">info@ascls-il.org</a></li>
<li>Membership records are kept by national ASCLS; for renewals and changes of address, contact
ASCLS directly.</li>
</ul>""",
    ),
    (
        "annual-meeting-reports",
        "Annual meeting: minutes and officer reports",
        Section.ABOUT,
        Visibility.MEMBERS,
        "Minutes of the last annual business meeting and the officers' reports to members.",
        """<p>These are the minutes of the annual business meeting and the reports the officers gave
to members: finances, membership numbers, the education program and advocacy work.</p>
<h2>Treasurer's report</h2>
<p>The society closed the year with a balanced budget. Webinar sponsorship covered the cost of
the free member webinars.</p>""",
    ),
    (
        "membership",
        "Membership",
        Section.MEMBERSHIP,
        Visibility.PUBLIC,
        "What members get and how to join through national ASCLS.",
        """<p>You join ASCLS-Illinois by joining the national American Society for Clinical
Laboratory Science: members who live or work in Illinois belong to the state society as well.
National ASCLS keeps the membership records and sends the society its roster.</p>
<h2>What members get</h2>
<ul>
<li>The member-only part of the Laboratory Resources library.</li>
<li>Monthly webinars at no cost, with continuing education credit.</li>
<li>A CE tracker on this portal that shows how far you are from renewing your credential.</li>
<li>A say in the society: vote, serve on a committee, or stand for office.</li>
</ul>
<h2>Using this portal as a member</h2>
<p>Create an account here with the email address national ASCLS has on file for you. As soon as
you confirm it, member-only material opens for you. Already registered with another address?
Change it under <em>Email address</em> in your account.</p>""",
    ),
    (
        "member-benefits-guide",
        "Getting the most from your membership",
        Section.MEMBERSHIP,
        Visibility.MEMBERS,
        "A short guide for members: webinars, committees and the member library.",
        """<p>Start with the monthly webinar: it is free for members and earns continuing education
credit. Then look at the committees; most meet online for an hour a month.</p>""",
    ),
]
