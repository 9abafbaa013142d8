"""The campaign's built-in wording: what the pages say until staff edit it in the admin, and what
``seed_demo`` saves. Everything here is the society's own wording of the facts."""

import datetime

DEFAULT_CAMPAIGN = {
    "headline": "I AM MLS: one profession, one title",
    "lede": (
        "The people who run the tests behind most medical decisions go by a dozen different job "
        "titles. The society asks every laboratory professional, and every employer, to use one: "
        "Medical Laboratory Scientist."
    ),
    "why_it_matters": (
        "<p>A patient, a nurse or a hiring manager who meets a “medical technologist”, a "
        "“clinical laboratory scientist” and a “medical laboratory scientist” on the same day has "
        "no way to know they trained for the same work and hold the same kind of certification. "
        "The patchwork of names makes the profession hard to see, hard to recruit into and easy "
        "to overlook when care teams are planned.</p>"
        "<p>Since the 2009 merger that created the ASCP Board of Certification, the credentials "
        "themselves already agree: MLS for the bachelor's-level scientist and MLT for the "
        "associate-level technician. Many job descriptions and hospital systems have not caught "
        "up, and keep titles that no certifying body has issued for years.</p>"
        "<p>One title on badges, job postings and org charts tells colleagues and patients "
        "exactly who stands behind a result. It is a small change for an employer and a large "
        "one for the profession's visibility.</p>"
    ),
    "position_paper_title": (
        "Standardizing the Professional Title of Medical Laboratory Professionals"
    ),
    "position_paper_date": datetime.date(2020, 7, 2),
    "position_paper_url": "https://www.ascp.org/content/get-involved/i-am-mls",
    "position_paper_summary": (
        "<p>In 2020 the ASCP Board of Certification and ASCLS published a joint position paper. "
        "It describes how many titles (MT, CLS, MLS and others) are used for one job, how that "
        "confuses the public and other clinicians, and how outdated titles at employers hide "
        "the laboratory's part in patient care.</p>"
        "<p>Its recommendation is simple: call the profession Medical Laboratory Scientist (MLS). "
        "The ASCLS House of Delegates adopted it on 2 July 2020. ASCP, NAACLS, ASCLS and the ASCP "
        "Board of Certification have since also agreed that the four-year degree should be "
        "called Medical Laboratory Science.</p>"
    ),
    "supporting_organizations": "AABB, AAPA, AGT, ASC, ASCLS, ASCP, ASM, CLMA, NSH",
    "campaign_site_url": "https://www.ascp.org/content/get-involved/i-am-mls",
    "campaign_site_summary": (
        "ASCP's I am MLS site has a paper on promoting the profession through standard titles, "
        "answers to common questions, and ASCP's own version of the pledge."
    ),
    "pledge_statement": (
        "I am a laboratory professional. I will call myself a Medical Laboratory Scientist or "
        "Technician as my credential allows, and I will ask my employer to use the standard "
        "title on job descriptions, badges and postings."
    ),
    "share_message": (
        "I took the I AM MLS pledge: one profession, one title, Medical Laboratory Scientist. "
        "Take it too:"
    ),
}

DEFAULT_LETTER = {
    "subject": "Adopting the title Medical Laboratory Scientist at {institution}",
    "body": (
        "Dear {recipient_name},\n\n"
        "I work in {department} at {institution}, and I am writing as a certified laboratory "
        "professional ({credential}) to ask that our laboratory staff be given the professional "
        "title Medical Laboratory Scientist (MLS), in place of the title we use today, "
        "“{current_title}”.\n\n"
        "In 2020 the ASCP Board of Certification and the American Society for Clinical "
        "Laboratory Science published a joint position paper asking employers to standardize "
        "on this one title. It matches the credential the ASCP Board of Certification has "
        "awarded since 2009, and it is supported by AABB, ASM, NSH, CLMA and other "
        "professional organizations.\n\n"
        "A single, current title helps patients and fellow clinicians understand who performs "
        "their testing, makes our postings easier to find for qualified applicants, and shows "
        "that {institution} keeps pace with the profession. The change costs little: job "
        "descriptions, badges and the HR system are updated at the next review.\n\n"
        "I would be glad to share the position paper or to meet to talk about how the change "
        "could be made. Thank you for considering it.\n\n"
        "Sincerely,\n\n"
        "{your_name}, {credential}\n"
        "{department}, {institution}"
    ),
}
