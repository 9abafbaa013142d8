from django.urls import path

from advocacy.views import campaign, institutions, letters, pledges

app_name = "advocacy"

urlpatterns = [
    path("", campaign.index, name="index"),
    path("pledge/", pledges.take_pledge, name="pledge"),
    path("pledge/check-your-email/", pledges.check_your_email, name="pledge_check_email"),
    path("pledge/resend/", pledges.resend_confirmation, name="pledge_resend"),
    path("pledge/confirm/<str:signed_token>/", pledges.confirm, name="pledge_confirm"),
    path("pledge/withdraw/<uuid:token>/", pledges.withdraw, name="pledge_withdraw"),
    path("pledge/thank-you/", pledges.thank_you, name="pledge_thanks"),
    path("wall/", pledges.wall, name="wall"),
    path("letter/", letters.letter, name="letter"),
    path("letter/sample.<str:kind>", letters.sample_letter_file, name="sample_letter"),
    path("institutions/", institutions.institution_list, name="institutions"),
    path("institutions/suggest/", institutions.suggest, name="institution_suggest"),
    path(
        "institutions/suggest/thank-you/",
        institutions.suggestion_received,
        name="institution_suggest_thanks",
    ),
]
