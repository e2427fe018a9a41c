"""Text that is not the article: appeals, bylines and credits, and news that only talks of money."""
from __future__ import annotations

from claimtrack.extract.boilerplate import find_boilerplate


def _found(text: str) -> list[str]:
    return [text[s:e] for s, e in find_boilerplate(text)]


def test_an_appeal_speaks_to_the_reader_in_the_page_s_own_voice():
    text = ("Troops left the city.\n"
            "Your support, no matter how small, makes a difference. If you can, please support us "
            "monthly.\n")
    assert _found(text) == [text.splitlines()[1]]


def test_news_about_donations_is_no_appeal():
    lines = [
        # a campaign's name that starts with "Our", and no reader addressed
        "People with knowledge of the group's activities said new donors have come aboard since "
        "January, when Our Principles launched with an initial $3 million donation.",
        # the pronouns are inside a quotation: the speaker's, not the page's
        '"We make sure that the donors are legal," said a spokesman. Donations are vetted to comply '
        'with federal contribution limits, he said, but "we don\'t ask you for more."',
        "His campaign sent a text message to supporters saying: \u201cWith your help, we won! "
        "Reply GIVE to contribute.\u201d",
        # the page talks to its reader, but of no one's "us"
        "Amazon is now letting you listen to music free, and customers without a Prime "
        "subscription can donate to support the artists.",
    ]
    text = "Troops left the city.\n" + "\n".join(lines) + "\n"
    assert _found(text) == []


def test_a_reported_attribution_beside_donation_talk_is_kept(analyze_text):
    r = analyze_text("People with knowledge of the group's activities said a substantial number of new "
                     "donors have come aboard since January, when Our Principles launched with an initial "
                     "$3 million donation. Among the new contributors is investor Paul Singer.")
    assert [a.cue.text for a in r.attributions] == ["said"]
