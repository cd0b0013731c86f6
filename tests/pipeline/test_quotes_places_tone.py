"""Places and tone: the simple versions newsevents 0.1 ships (issue 3 deepens them; quotes: test_quotes.py)."""


def test_events_take_the_location_of_their_clause(code):
    coded = code("Russian troops attacked Ukrainian positions near Kharkiv.", "2022-05-01")
    assert any(e.location is not None and e.location.country == "UKR" for e in coded.events)


def test_tone_is_negative_for_hostile_text(code):
    hostile = code("The attack was a brutal, illegal and unacceptable act of aggression.").tone
    friendly = code("The leaders praised the friendly and successful partnership.").tone
    assert hostile.tone < 0 < friendly.tone
    assert hostile.words == 11 and hostile.polarity == hostile.positive + hostile.negative
