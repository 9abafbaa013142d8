"""Renewal rules in plain words (certification/rules_text.py), from the data alone."""

from decimal import Decimal

import pytest

from certification.rules_text import (
    NO_RULE_TEXT,
    describe_rule,
    join_words,
    number,
    review_note,
    summarize,
)
from tests.certification.factories_catalog import (
    CECategoryFactory,
    CertifyingBodyFactory,
    CredentialFactory,
    rule_with_minimums,
)

pytestmark = pytest.mark.django_db


def _cats(*names):
    return [CECategoryFactory(name=name, slug=f"cat-{i}") for i, name in enumerate(names)]


@pytest.fixture
def ascp():
    return CertifyingBodyFactory(name="ASCP Board of Certification", abbreviation="ASCP BOC")


@pytest.fixture
def amt():
    return CertifyingBodyFactory(name="American Medical Technologists", abbreviation="AMT")


def test_mls_rule_reads_as_the_cmp_in_four_sentences(ascp):
    safety, ethics, bb, chem, hem, micro = _cats(
        "Laboratory or patient safety", "Medical ethics", "Blood banking", "Chemistry",
        "Hematology", "Microbiology",
    )  # fmt: skip
    rule = rule_with_minimums(
        CredentialFactory(body=ascp, name="MLS(ASCP)"),
        36,
        [(safety, 1), (ethics, 1), (bb, 2), (chem, 2), (hem, 2), (micro, 2)],
    )

    assert describe_rule(rule) == [
        "Every 3 years you need 36 points of continuing education.",
        "At least 1 point must be in laboratory or patient safety, 1 in medical ethics, and 2 "
        "each in blood banking, chemistry, hematology and microbiology.",
        "The rest (26 points) can be in your specialty or any laboratory area.",
        "College courses count: one semester hour is 15 points and one quarter hour 10 points, "
        "for at most half of the total.",
    ]
    assert review_note(rule) == ""


def test_category_names_with_their_own_and_get_a_serial_comma(ascp):
    bb, chem, hem = _cats("Blood bank and immunohematology", "Chemistry",
                          "Hematology and coagulation")  # fmt: skip
    rule = rule_with_minimums(CredentialFactory(body=ascp), 36, [(bb, 2), (chem, 2), (hem, 2)])

    assert describe_rule(rule)[1] == (
        "At least 2 points must be in each of blood bank and immunohematology, chemistry, "
        "and hematology and coagulation."
    )


def test_histotechnician_rule_names_the_histology_minimum(ascp):
    safety, ethics, histology = _cats("Laboratory and patient safety", "Medical ethics",
                                      "Histology")  # fmt: skip
    rule = rule_with_minimums(
        CredentialFactory(body=ascp, name="HT(ASCP)"),
        36,
        [(safety, 1), (ethics, 1), (histology, 8)],
    )

    sentences = describe_rule(rule)
    assert sentences[:3] == [
        "Every 3 years you need 36 points of continuing education.",
        "At least 1 point must be in laboratory and patient safety, 1 in medical ethics, and 8 "
        "in histology.",
        "The rest (26 points) can be in your specialty or any laboratory area.",
    ]


def test_categorical_credential_needs_all_its_points_in_its_area(ascp):
    (bb,) = _cats("Blood bank and immunohematology")
    rule = rule_with_minimums(CredentialFactory(body=ascp, name="BB(ASCP)"), 8, [(bb, 8)])

    sentences = describe_rule(rule)
    assert sentences[0] == "Every 3 years you need 8 points of continuing education."
    assert sentences[1] == "All of them must be in blood bank and immunohematology."
    assert not any(s.startswith("The rest") for s in sentences)


def test_annual_amt_rule_mentions_the_yearly_renewal_and_fee(amt):
    rule = rule_with_minimums(
        CredentialFactory(body=amt, name="MLT(AMT)"),
        45,
        [],
        annual_renewal=True,
        academic_share_limit=Decimal("0"),
    )

    assert describe_rule(rule) == [
        "Every 3 years you need 45 points of continuing education.",
        "They can be in your specialty or any other area of laboratory practice.",
        "This guide does not convert college courses into points for this credential; ask AMT "
        "whether a course counts.",
        "AMT also asks you to renew every year and pay a yearly fee.",
    ]


def test_unverified_rule_keeps_its_figures_and_carries_a_review_note(ascp):
    rule = rule_with_minimums(
        CredentialFactory(body=ascp, name="PBT(ASCP)"),
        9,
        [],
        needs_review=True,
        notes="Often quoted as 9 points.",
    )

    assert describe_rule(rule)[0] == "Every 3 years you need 9 points of continuing education."
    assert review_note(rule) == (
        "These figures are being checked with ASCP BOC; confirm them on its website before you "
        "rely on them."
    )
    summary = summarize(rule.credential)
    assert summary.review_note == review_note(rule)
    assert summary.notes == "Often quoted as 9 points."


def test_rule_without_points_says_none_are_needed_and_describes_the_yearly_renewal():
    body = CertifyingBodyFactory(name="AAB Board of Registry", abbreviation="AAB BOR")
    rule = rule_with_minimums(
        CredentialFactory(body=body), 0, [], cycle_years=1, annual_renewal=True, needs_review=True
    )

    assert describe_rule(rule) == [
        "No continuing education points are required to keep this credential.",
        "You renew it with AAB BOR every year and pay a yearly fee.",
    ]
    assert "AAB BOR" in review_note(rule)


def test_one_year_two_year_cycles_and_fractional_points_read_naturally(ascp):
    (phlebotomy,) = _cats("Phlebotomy")
    rule = rule_with_minimums(
        CredentialFactory(body=ascp),
        "10",
        [(phlebotomy, "1.5")],
        cycle_years=2,
        academic_share_limit=Decimal("0.25"),
    )

    assert describe_rule(rule)[:3] == [
        "Every 2 years you need 10 points of continuing education.",
        "At least 1.5 points must be in phlebotomy.",
        "The rest (8.5 points) can be in your specialty or any laboratory area.",
    ]
    assert describe_rule(rule)[3].endswith("for at most a quarter of the total.")
    rule.cycle_years = 1
    assert describe_rule(rule)[0].startswith("Every year you need 10 points")


def test_the_sentences_follow_the_data_when_staff_change_it(ascp):
    (ethics,) = _cats("Medical ethics")
    rule = rule_with_minimums(CredentialFactory(body=ascp), 36, [(ethics, 1)])
    rule.total_points = Decimal("40")
    rule.save()
    rule.minimums.update(points=Decimal("3"))

    assert describe_rule(rule)[:3] == [
        "Every 3 years you need 40 points of continuing education.",
        "At least 3 points must be in medical ethics.",
        "The rest (37 points) can be in your specialty or any laboratory area.",
    ]


def test_credential_without_a_rule_says_no_requirement_is_recorded():
    summary = summarize(CredentialFactory())

    assert not summary.has_rule
    assert summary.sentences == [NO_RULE_TEXT]
    assert "No continuing education requirement is recorded" in NO_RULE_TEXT


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("36.0"), "36"), (Decimal("1.50"), "1.5"), (Decimal("0.5"), "0.5"), (8, "8")],
)
def test_numbers_drop_needless_decimals(value, text):
    assert number(value) == text


def test_lists_join_like_english():
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a and b"
    assert join_words(["a", "b", "c"]) == "a, b and c"
    assert join_words(["x and y", "b", "c"]) == "x and y, b, and c"
