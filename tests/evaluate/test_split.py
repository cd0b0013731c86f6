from newsevents.evaluate.split import part_of


def test_split_is_stable_and_about_a_fifth():
    keys = [f"record {n}" for n in range(5000)]
    parts = [part_of(k) for k in keys]
    assert parts == [part_of(k) for k in keys]
    assert 0.17 < parts.count("check") / len(parts) < 0.23
    assert part_of("  a sentence ") == part_of("a sentence")
