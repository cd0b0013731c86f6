"""Actor recognition and coding, on sentences we wrote."""

import pytest


def actor_at(coded, text):
    found = [a for a in coded.actors if a.text == text]
    assert found, f"{text!r} not among {[a.text for a in coded.actors]}"
    return found[0]


def test_actors_office_holders_follow_the_document_date(code):
    text = "Jens Stoltenberg spoke to reporters."
    assert actor_at(code(text, "2012-05-01"), "Jens Stoltenberg").code == "NORGOV"
    assert actor_at(code(text, "2020-05-01"), "Jens Stoltenberg").code == "IGOWSTNAT"
    rutte = actor_at(code("Mark Rutte arrived in Kyiv.", "2025-02-01"), "Mark Rutte")
    assert (rutte.code, rutte.name, rutte.type) == ("IGOWSTNAT", "Mark Rutte", "person")
    assert actor_at(code("Mark Rutte arrived in Kyiv.", "2015-02-01"), "Mark Rutte").code == "NLDGOV"
    lavrov = actor_at(code("Sergey Lavrov met reporters.", "2021-11-29"), "Sergey Lavrov")
    assert (lavrov.code, lavrov.name) == ("RUSGOV", "Sergei Lavrov")


def test_actors_role_nouns_with_a_country(code):
    coded = code("The Russian Foreign Minister met Lithuanian troops and the foreign ministry of Poland.")
    assert actor_at(coded, "Russian Foreign Minister").code == "RUSGOV"
    assert actor_at(coded, "Lithuanian troops").code == "LTUMIL"
    assert actor_at(coded, "foreign ministry of Poland").code == "POLGOV"


def test_actors_role_title_names_the_office_holder_of_the_day(code):
    coded = code("The Russian Foreign Minister arrived.", "2021-11-29")
    assert actor_at(coded, "Russian Foreign Minister").name == "Sergei Lavrov"


def test_actors_in_document_memory(code):
    coded = code(
        "Lithuanian President Gitanas Nauseda met military expert Yuri Knutov in Vilnius. "
        "Nauseda said the talks were useful. The Lithuanian leader thanked Knutov. "
        "The President later said he was satisfied. The analyst said she agreed.",
        "2021-11-29",
    )
    for text in ("Nauseda", "Lithuanian leader", "President", "he"):
        assert (actor_at(coded, text).code, actor_at(coded, text).name) == ("LTUGOV", "Gitanas Nausėda"), text
    knutov = actor_at(coded, "Knutov")
    assert knutov.name == "Yuri Knutov" and knutov.code == "EDU"
    assert actor_at(coded, "analyst").name == "Yuri Knutov"


def test_actors_secretary_general_and_diplomat_resolve_to_people_introduced(code):
    coded = code(
        "NATO Secretary General Jens Stoltenberg visited Vilnius. Later the Secretary General met the press. "
        "Russian Foreign Ministry spokeswoman Maria Zakharova criticised the visit. The diplomat said it was "
        "a provocation.",
        "2021-11-29",
    )
    assert actor_at(coded, "Secretary General").name == "Jens Stoltenberg"
    diplomat = actor_at(coded, "diplomat")
    assert (diplomat.name, diplomat.code) == ("Maria Zakharova", "RUSGOV")


def test_actors_capitals_as_metonyms_versus_places(code):
    coded = code("Moscow said it would respond. The talks took place in Moscow. Vilnius is ready to act.")
    moscow = [a for a in coded.actors if a.text == "Moscow"]
    assert len(moscow) == 1 and moscow[0].code == "RUSGOV" and moscow[0].span == (0, 6)
    assert actor_at(coded, "Vilnius").code == "LTUGOV"
    assert any(p.text == "Moscow" and p.country == "RUS" for p in coded.places)
    kremlin = actor_at(code("The Kremlin rejected the claim."), "Kremlin")
    assert kremlin.code == "RUSGOV"


def test_actors_alliance_paraphrase_needs_the_organisation_in_the_document(code):
    with_nato = code("NATO held talks. The alliance later said the bloc was united.")
    assert actor_at(with_nato, "alliance").code == "IGOWSTNAT"
    assert actor_at(with_nato, "bloc").code == "IGOWSTNAT"
    without = code("The alliance between the two parties broke down.")
    assert not [a for a in without.actors if a.text == "alliance"]


def test_actors_demonyms_are_actors_not_places(code):
    coded = code("Georgian protesters marched past the Israeli embassy.")
    assert actor_at(coded, "Georgian protesters").code == "GEOCVL"
    assert not [p for p in coded.places if p.text in {"Georgian", "Israeli"}]


def test_actors_lowercase_words_are_not_countries(code):
    coded = code("They told us that turkey and china were served at the dinner.")
    assert not coded.actors or all(a.code not in {"USA", "TUR", "CHN"} for a in coded.actors)


def test_actors_spans_point_into_the_text(code):
    text = "Lithuanian President Gitanas Nauseda met NATO officials."
    for actor in code(text).actors:
        assert text[slice(*actor.span)] == actor.text


def test_actors_roles_take_the_country_of_a_possessive_a_phrase_or_a_conjoined_role(code):
    assert actor_at(code("Russia's foreign minister criticised Lithuania."), "foreign minister").code == "RUSGOV"
    assert actor_at(code("Police in Kenya arrested British tourists."), "Police in Kenya").code == "KENCOP"
    assert actor_at(code("Soldiers from Poland arrived."), "Soldiers from Poland").code == "POLMIL"
    assert actor_at(code("Russian troops and police attacked villages."), "police").code == "RUSCOP"
    # A name before the role wins over one in a phrase after it.
    assert actor_at(code("NATO troops in Estonia held exercises."), "NATO troops in Estonia").code == "IGOWSTNATMIL"


def test_actors_a_named_role_of_an_agency_is_not_coded_twice(code):
    coded = code("State Department spokesman Nicholas Burns said the aid was welcome.")
    assert actor_at(coded, "State Department spokesman Nicholas Burns").code == "USAGOV"


@pytest.mark.parametrize(("text", "pairs"), [
    ("Lithuanian and Polish leaders met in Warsaw.", {("LTUGOV", "040", "POLGOV"), ("POLGOV", "040", "LTUGOV")}),
    ("Russian and Belarusian troops attacked the Ukrainian border posts.",
     {("RUSMIL", "190", "UKR"), ("BLRMIL", "190", "UKR")}),
])
def test_actors_a_role_shared_by_conjoined_countries_is_each_ones(code, text, pairs):
    coded = code(text)
    assert {(e.source.code, e.code, e.target.code if e.target else None) for e in coded.events} == pairs


def test_actors_a_role_of_conjoined_countries_after_an_adjective(code):
    coded = code("The foreign ministers of Lithuania and Poland agreed to deepen cooperation on energy.")
    assert {(e.source.code, e.target.code) for e in coded.events} == {("LTUGOV", "POLGOV"), ("POLGOV", "LTUGOV")}
