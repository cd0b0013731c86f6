import datetime as dt
import io
import json
import sys

import pytest

from newsevents.errors import DocumentError, Reason
from newsevents.model import Document, Quarantined
from newsevents.readers import content_id, count_records, discover, document_from_text, read_inputs, read_path


def test_readers_dated_text_with_bom_crlf_and_leading_space(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff  date 2021-11-29 NATO met.\r\n\r\nSecond paragraph.\r\n".encode())
    [doc] = read_path(str(path))
    assert isinstance(doc, Document)
    assert doc.date.isoformat() == "2021-11-29"
    assert doc.text == "NATO met.\n\nSecond paragraph."
    assert doc.doc_id == content_id(doc.text)


def test_readers_text_without_date_token(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("Date palms grow in Iraq.")
    [doc] = read_path(str(path))
    assert doc.date is None and doc.text == "Date palms grow in Iraq."


@pytest.mark.parametrize(("content", "reason"), [
    (b"date 2021-13-45 Bad month.", Reason.BAD_DATE),
    (b"date yesterday-ish Text.", Reason.BAD_DATE),
    (b"   \n\t ", Reason.EMPTY),
    (b"date 2021-01-01   ", Reason.EMPTY),
    (b"\xff\xfe\xfa bad bytes", Reason.UNDECODABLE),
])
def test_readers_bad_text_is_quarantined(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [record] = read_path(str(path))
    assert isinstance(record, Quarantined)
    assert record.reason == reason.value and record.origin == str(path) and record.message


def test_readers_size_cap(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    [record] = read_path(str(path), max_chars=50)
    assert isinstance(record, Quarantined) and record.reason == Reason.TOO_LARGE.value


def test_readers_jsonl_keeps_fields_and_quarantines_bad_lines(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "x1", "date": "2020-05-01", "title": "T", "source": "S", "url": "http://u",
                    "text": " Verbatim "}),
        "{not json",
        json.dumps({"id": "x2", "date": "2020-02-30", "text": "Bad date."}),
        json.dumps({"id": "x3", "text": ""}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": "No id."}),
    ]
    path.write_text("\n".join(lines))
    records = list(read_path(str(path)))
    assert [type(r).__name__ for r in records] == ["Document", "Quarantined", "Quarantined", "Quarantined",
                                                    "Quarantined", "Document"]
    first = records[0]
    fields = (first.doc_id, first.title, first.source, first.url, first.text)
    assert fields == ("x1", "T", "S", "http://u", " Verbatim ")
    assert [r.reason for r in records[1:5]] == ["NE104", "NE103", "NE102", "NE104"]
    assert records[1].origin.endswith("docs.jsonl:2")
    assert records[2].doc_id == "x2"
    assert records[5].doc_id == content_id("No id.")


def test_readers_csv(tmp_path):
    path = tmp_path / "docs.csv"
    path.write_text('id,date,title,text\nc1,2021-01-02,Head,"Russia, again, met NATO."\nc2,not-a-date,,Text\n')
    records = list(read_path(str(path)))
    assert records[0].text == "Russia, again, met NATO." and records[0].date.isoformat() == "2021-01-02"
    assert isinstance(records[1], Quarantined) and records[1].reason == "NE103"


def test_readers_csv_without_text_column(tmp_path):
    path = tmp_path / "docs.csv"
    path.write_text("id,body\n1,hello\n")
    [record] = read_path(str(path))
    assert record.reason == Reason.MISSING_FIELD.value and "text" in record.message


def test_readers_html(tmp_path):
    body = " ".join(["The foreign ministers of Poland and Germany met in Warsaw on Monday to discuss security."] * 5)
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>Ministers meet</title></head><body><nav>Menu</nav>"
                    f"<article><h1>Ministers meet</h1><p>{body}</p><p>{body}</p></article></body></html>")
    [doc] = read_path(str(path))
    assert isinstance(doc, Document)
    assert "foreign ministers of Poland" in doc.text and "Menu" not in doc.text


def test_readers_html_without_content(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body></body></html>")
    [record] = read_path(str(path))
    assert isinstance(record, Quarantined) and record.reason in {"NE108", "NE102"}


def test_readers_folders_globs_and_missing_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("date 2021-01-01 One.")
    (tmp_path / "sub" / "b.jsonl").write_text(json.dumps({"id": "b", "text": "Two."}) + "\n")
    (tmp_path / "sub" / "binary.bin").write_bytes(b"\x00")
    (tmp_path / "sub" / ".hidden").write_text("Not an input.")
    records = list(read_inputs([str(tmp_path)]))
    assert [r.doc_id for r in records[:2]] == [content_id("One."), "b"]
    # A suffix without a parser is read as text; this one is no text, and says so
    assert records[2].origin.endswith("binary.bin") and records[2].reason == Reason.NOT_TEXT.value
    assert len(records) == 3
    assert [r.doc_id for r in read_inputs([str(tmp_path / "**" / "*.jsonl")])] == ["b"]
    [missing] = read_inputs([str(tmp_path / "nothing.txt")])
    assert isinstance(missing, Quarantined) and missing.reason == Reason.UNREADABLE.value


def test_readers_stdin(monkeypatch):
    data = (json.dumps({"id": "s1", "text": "From stdin."}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [doc] = read_inputs(["-"])
    assert doc.doc_id == "s1" and doc.origin == "<stdin>:1"


def test_readers_api_raises_for_bad_documents():
    with pytest.raises(DocumentError) as info:
        document_from_text("text", date="29/11/2021")
    assert info.value.reason is Reason.BAD_DATE


def test_readers_count_records_matches_what_is_read(tmp_path):
    (tmp_path / "a.txt").write_text("date 2021-01-01 One.")
    (tmp_path / "b.jsonl").write_text("\n".join([json.dumps({"id": "b1", "text": "Two."}), "", "{broken",
                                                 json.dumps({"id": "b2", "text": "Three."})]) + "\n")
    (tmp_path / "c.csv").write_text('id,text\nc1,"Four,\nstill four."\n\nc2,Five.\n')
    (tmp_path / "empty.csv").write_text("")
    inputs = [str(tmp_path), str(tmp_path / "missing.jsonl")]
    assert count_records(inputs) == len(list(read_inputs(inputs))) == 8
    assert count_records([str(tmp_path), "-"]) is None  # standard input can be read only once


def test_readers_a_file_reached_twice_is_read_once(tmp_path):
    # A link back up the tree made '**' reach the same file forty times over
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "a.txt").write_text("Russia condemned NATO.")
    (tmp_path / "loop" / "back").symlink_to(tmp_path)
    names = list(discover([str(tmp_path / "loop" / "**" / "*.txt"), str(tmp_path / "loop" / "a.txt")]))
    assert names == [str(tmp_path / "loop" / "a.txt")]
    assert len(list(read_inputs([str(tmp_path / "loop")]))) == 1


def test_readers_the_runs_own_files_are_no_inputs(tmp_path):
    (tmp_path / "a.txt").write_text("Russia condemned NATO.")
    (tmp_path / "store.duckdb").write_bytes(b"DUCK\x00\x00")
    assert list(discover([str(tmp_path)], exclude=[tmp_path / "store.duckdb"])) == [str(tmp_path / "a.txt")]


@pytest.mark.parametrize("header", ["date 2021-10-07", "Date: 2021-10-07", "Date 2021-10-07", "DATE:2021-10-07"])
def test_readers_date_headers(tmp_path, header):
    path = tmp_path / "r.txt"
    path.write_text(f"{header}\n\nRussia condemned NATO on Wednesday.")
    [document] = read_path(str(path))
    assert document.date == dt.date(2021, 10, 7) and document.text == "Russia condemned NATO on Wednesday."


def test_readers_a_word_date_is_text_not_a_header(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Date palms grow in Basra.")
    [document] = read_path(str(path))
    assert document.date is None and document.text.startswith("Date palms")


def test_readers_nul_bytes_are_not_text(tmp_path):
    path = tmp_path / "zeros.txt"
    path.write_bytes(b"\x00" * 100)
    [record] = read_path(str(path))
    assert isinstance(record, Quarantined) and record.reason == Reason.NOT_TEXT.value and "NUL" in record.message


def test_readers_an_html_headline_is_its_own_paragraph(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>Wire</title></head><body><article><h1>NATO expels Russian envoys</h1>"
                    "<p>Russia condemned NATO on Wednesday after the alliance expelled eight of its diplomats.</p>"
                    "</article></body></html>")
    [document] = read_path(str(path))
    assert "NATO expels Russian envoys\n\nRussia condemned" in document.text
