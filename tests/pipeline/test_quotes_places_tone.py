"""Quotes, places and tone: the simple versions newsevents 0.1 ships (issue 3 deepens them)."""

from newsevents.pipeline.quotes import direct_quote_spans


def test_quotes_marks_and_nesting():
    text = "“We said: “Let us talk.” Nothing came,” he said. «Non», dit-il. „Nein“, sagte er."
    spans = [text[s:e] for s, e in direct_quote_spans(text)]
    assert spans == ["We said: “Let us talk.” Nothing came,", "Non", "Nein"]


def test_quotes_direct_and_indirect_with_speakers(code):
    coded = code('"Our support for partners is not a threat to anyone," NATO Secretary General Jens Stoltenberg '
                 "said. Russian Foreign Minister Sergei Lavrov noted that the bloc wants no dialogue at all.",
                 "2021-11-29")
    direct = [q for q in coded.quotes if q.direct]
    indirect = [q for q in coded.quotes if not q.direct]
    assert direct[0].speaker.name == "Jens Stoltenberg" and direct[0].cue.text == "said"
    assert indirect[0].speaker.name == "Sergei Lavrov" and indirect[0].text.startswith("the bloc wants")


def test_places_country_and_coordinates(code):
    coded = code("Ministers met in Vilnius and Warsaw before flying to Brussels and Estonia.", "2021-11-29")
    places = {p.text: p for p in coded.places}
    assert places["Vilnius"].country == "LTU" and abs(places["Vilnius"].lat - 54.7) < 0.2
    assert places["Warsaw"].country == "POL" and places["Brussels"].country == "BEL"
    assert places["Estonia"].feature == "country"


def test_events_take_the_location_of_their_clause(code):
    coded = code("Russian troops attacked Ukrainian positions near Kharkiv.", "2022-05-01")
    assert any(e.location is not None and e.location.country == "UKR" for e in coded.events)


def test_tone_is_negative_for_hostile_text(code):
    hostile = code("The attack was a brutal, illegal and unacceptable act of aggression.").tone
    friendly = code("The leaders praised the friendly and successful partnership.").tone
    assert hostile.tone < 0 < friendly.tone
    assert hostile.words == 11 and hostile.polarity == hostile.positive + hostile.negative
