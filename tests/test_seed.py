"""The reference report in ../shared/seed: the events issue 2 names must be there."""

import pytest

from tests.conftest import SEED, needs_shared, roots

pytestmark = needs_shared(SEED)


@pytest.fixture(scope="module")
def seed(coder):
    from newsevents.readers import read_path

    [document] = read_path(str(SEED))
    return coder.code_document(document)


def test_seed_is_dated_and_coded(seed):
    assert seed.document.date.isoformat() == "2021-11-29"
    assert 8 <= len(seed.events) <= 40


@pytest.mark.parametrize(("source", "root", "target"), [
    ("IGOWSTNAT", "03", "RUS"),   # the standing proposal to hold a NATO-Russia Council meeting
    ("IGOWSTNAT", "02", "RUS"),   # the call on Russia to be more transparent
    ("IGOWSTNAT", "10", "RUS"),   # the October demand to cut the mission to ten people
    ("IGOWSTNAT", "16", "RUSGOV"),  # the revoked accreditation of eight diplomats
    ("RUS", "16", "IGOWSTNAT"),   # the suspension of Russia's permanent mission
    ("RUSGOV", "11", "IGOWSTNAT"),  # Russian officials criticising NATO
    ("LTUGOV", "11", "BLR"),      # Lithuania's concern at Belarus-Russia military integration
])
def test_seed_events(seed, source, root, target):
    assert (source, root, target) in roots(seed)


def test_seed_october_expulsions_dated(seed):
    october = [e for e in seed.events if e.root in {"10", "16"} and e.source.code == "IGOWSTNAT" and e.date]
    assert {e.date for e in october} == {"2021-10-06"}


def test_seed_dates(seed):
    values = {(d.text, d.value) for d in seed.dates}
    assert {("October 6", "2021-10-06"), ("18 months ago", "2020-05"), ("October 21", "2021-10-21")} <= values


def test_seed_quotes_are_on_the_people_who_spoke(seed):
    speakers = {q.speaker.name for q in seed.quotes if q.direct}
    assert speakers == {"Jens Stoltenberg", "Gitanas Nausėda", "Sergei Lavrov", "Maria Zakharova", "Yuri Knutov",
                        "Sergey Ermakov"}
    assert all(q.speaker is not None for q in seed.quotes)
