"""Page shape: chrome and headline at the top, link lists, the page footer."""

from __future__ import annotations

import datetime as dt

from maildigest.clean.header import Header
from maildigest.clean.layout import Block, read_layout

P1 = (
    "The harbour reopened on Friday after engineers finished repairs to the storm-damaged sea wall."
)
P2 = "Fishing crews said the three-week closure had cost them most of the autumn season's catch."
P3 = "The port authority said a longer-term plan for the wall would be published next spring."


def layout(*lines: str, known: Header | None = None) -> tuple[Header, list[str]]:
    return read_layout([Block(line) for line in lines], known or Header())


def test_title_after_navigation_and_before_metadata() -> None:
    header, body = layout(
        "World",
        "Politics & Society",
        "Harbour reopens after repairs",
        "By Ana Costa",
        "Published 4 March 2022",
        P1,
        P2,
    )
    assert header.title == "Harbour reopens after repairs"
    assert header.date == dt.date(2022, 3, 4)
    assert header.author == "Ana Costa"
    assert body == [P1, P2]


def test_title_repeated_with_site_suffix() -> None:
    header, body = layout(
        "Harbour reopens after repairs | Coast Times",
        "Sections",
        "Weather",
        "Harbour reopens after repairs",
        P1,
    )
    assert header.title == "Harbour reopens after repairs"
    assert body == [P1]


def test_title_with_date_prefix() -> None:
    header, body = layout("date 2021-09-30 Harbour reopens after repairs", P1)
    assert (header.title, header.date) == ("Harbour reopens after repairs", dt.date(2021, 9, 30))
    assert body == [P1]


def test_no_date_in_the_header_means_no_date() -> None:
    header, _ = layout(
        "Harbour reopens after repairs", P1, "The wall was first built on 3 May 1901."
    )
    assert header.date is None


def test_known_title_from_metadata_wins() -> None:
    header, body = layout("Menu", "Harbour reopens", P1, known=Header(title="Harbour reopens"))
    assert header.title == "Harbour reopens"
    assert body == [P1]


def test_subheadings_in_the_body_stay() -> None:
    _, body = layout("Harbour reopens after repairs", P1, "What happens next", P2)
    assert body == [P1, "What happens next", P2]


def test_link_list_after_a_list_heading_goes() -> None:
    _, body = layout(
        "Harbour reopens after repairs",
        P1,
        "Related Articles",
        "Storm closes schools",
        "Council approves budget",
        P2,
    )
    assert body == [P1, P2]


def test_footer_keeps_sentences_only() -> None:
    _, body = layout(
        "Harbour reopens after repairs",
        P1,
        P2,
        "Reporting by Ana Costa; editing by Sam Field.",
        "Asia",
        "Europe",
        "What you can bring:",
    )
    assert body == [P1, P2, "Reporting by Ana Costa; editing by Sam Field."]


def test_boilerplate_and_title_repeats_in_the_body_go() -> None:
    _, body = layout(
        "Harbour reopens after repairs",
        P1,
        "Advertisement",
        "Harbour reopens after repairs - Coast Times",
        "Share on Facebook",
        P3,
    )
    assert body == [P1, P3]


def test_title_repeated_with_site_prefix() -> None:
    header, _ = layout(
        "Coast Times | Harbour reopens after repairs",
        "Weather",
        "Sport",
        "Harbour reopens after repairs",
        P1,
    )
    assert header.title == "Harbour reopens after repairs"


def test_byline_under_a_standfirst_still_dates_the_article() -> None:
    standfirst = (
        "Repairs took three weeks longer than planned, and the cost is still being counted."
    )
    header, body = layout(
        "Harbour reopens after repairs", standfirst, "By Ana Costa | Mar. 4, 2022", P1
    )
    assert (header.date, header.author) == (dt.date(2022, 3, 4), "Ana Costa")
    assert body == [standfirst, P1]


def test_a_lone_tagline_sentence_does_not_start_the_article() -> None:
    tagline = (
        "The best source of news about harbours, boats and the sea since 1999, every single day."
    )
    header, body = layout(
        tagline,
        "News",
        "Boats",
        "Weather",
        "Sport",
        "Opinion",
        "Video",
        "Harbour reopens after repairs",
        "By Ana Costa",
        P1,
        P2,
    )
    assert header.title == "Harbour reopens after repairs"
    assert body == [P1, P2]


def test_a_list_the_article_announces_survives_below_the_last_long_paragraph() -> None:
    blocks = [
        Block("Harbour ferry returns"),
        Block(
            "The harbour ferry resumed its crossings on Saturday after three months of "
            "repairs to its hull and engines."
        ),
        Block("The operator listed three changes for passengers:"),
        Block("earlier first sailing", list_item=True),
        Block("a new stop at the marina", list_item=True),
        Block("card payments on board", list_item=True),
        Block("Timetables are posted at both piers."),
        Block("Home", list_item=True),
        Block("Contact us", list_item=True),
    ]
    _, body = read_layout(blocks, Header())
    assert body[1:5] == [
        "The operator listed three changes for passengers:",
        "earlier first sailing",
        "a new stop at the marina",
        "card payments on board",
    ]
    assert "Home" not in body and "Contact us" not in body


def test_a_headline_ending_in_a_full_stop_above_the_byline() -> None:
    header, body = layout("Menu", "Tides rise. Again.", "By Ana Costa | 4 March 2022", P1, P2)
    assert header.title == "Tides rise. Again."
    assert body == [P1, P2]


def test_a_long_sentence_headline_over_its_byline_is_not_the_first_paragraph() -> None:
    headline = "The harbour is open again after three weeks of repairs. Here is what changed."
    header, body = layout(headline, "By Ana Costa, 4 March 2022", P1, P2)
    assert header.title == headline
    assert body == [P1, P2]


def test_a_headline_over_a_one_line_standfirst() -> None:
    header, body = layout(
        "Harbour reopens after repairs", "Crews are back at sea.", "4 March 2022", P1, P2
    )
    assert header.title == "Harbour reopens after repairs"
    assert body == ["Crews are back at sea.", P1, P2]


def test_an_all_caps_label_loses_to_a_mixed_case_headline() -> None:
    header, _ = layout("Harbour Report 03.04.22", "WHAT HAPPENS NEXT AT THE PORT", P1, P2)
    assert header.title == "Harbour Report 03.04.22"


def test_a_run_of_other_stories_inside_the_article_goes() -> None:
    _, body = layout(
        "Harbour reopens after repairs",
        P1,
        "MORE NEWS",
        "Storm closes three schools in the valley",
        "Council approves a bigger budget for roads",
        "Ferry timetable changes from next week",
        P2,
        P3,
    )
    assert body == [P1, P2, P3]


def test_a_sign_up_box_goes_with_its_button() -> None:
    _, body = layout(
        "Harbour reopens after repairs",
        P1,
        "The Tide Table",
        "Port news every Friday.",
        "Sign up",
        P2,
        P3,
    )
    assert body == [P1, P2, P3]


def test_a_headline_right_under_the_date_line_before_name_and_role_lines() -> None:
    header, body = layout(
        "Updated 4 March 2022 at 09:10",
        "Harbour reopens after repairs",
        "Ana Costa",
        "Harbour reporter",
        P1,
        P2,
    )
    assert header.title == "Harbour reopens after repairs"
    assert body == [P1, P2]


def test_a_page_title_that_is_the_site_name_is_not_the_headline() -> None:
    known = Header(title="Coast Times", site="Coast Times")
    header, body = layout("Harbour reopens. Boats return.", P1, P2, known=known)
    assert header.title == "Harbour reopens. Boats return."
    assert body == [P1, P2]
