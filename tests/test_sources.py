"""Reading pages from disk: encodings, line endings, media types, provenance and bad files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.errors import DataError
from kg.parse import parse_page
from kg.sources import display_path, iter_page_paths, read_source

FRENCH_FIELDS = "Statut du projet\nAchevé\nRégion FDI\nAmérique latine et Caraïbes\n"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_utf8_page_is_read_as_utf8(tmp_path: Path) -> None:
    page = read_source(write(tmp_path / "p.txt", FRENCH_FIELDS.encode("utf-8")))
    assert page.text == FRENCH_FIELDS
    assert page.source.encoding == "utf-8"


def test_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    page = read_source(write(tmp_path / "p.txt", b"\xef\xbb\xbf" + FRENCH_FIELDS.encode()))
    assert page.text == FRENCH_FIELDS
    assert page.text.startswith("Statut")
    assert page.source.encoding == "utf-8-sig"


def test_latin1_page_keeps_its_accented_letters(tmp_path: Path) -> None:
    page = read_source(write(tmp_path / "p.txt", FRENCH_FIELDS.encode("latin-1")))
    assert page.text == FRENCH_FIELDS


def test_latin1_bytes_undefined_in_windows_1252_still_decode(tmp_path: Path) -> None:
    # 0x81 and 0x8d have no Windows-1252 character: only Latin-1 can decode this page.
    data = "Année\n2021\n".encode("latin-1") + b"Note \x81\x8d\n"
    page = read_source(write(tmp_path / "p.txt", data))
    assert page.source.encoding == "latin-1"
    assert page.text.startswith("Année\n2021\n")


def test_windows_1252_quotes_and_euro_sign_are_decoded(tmp_path: Path) -> None:
    text = "Budget\n€ 50 000\nBenefiting Member States\nCôte d’Ivoire\n"
    page = read_source(write(tmp_path / "p.txt", text.encode("cp1252")))
    assert page.text == text
    assert page.source.encoding == "cp1252"


def test_a_windows_1252_page_with_letters_that_pair_like_utf8_stays_windows_1252(
        tmp_path: Path) -> None:
    # "É" then a no-break space is also the UTF-8 of "ɠ"; the rest of the page is not UTF-8.
    text = "RÉSUMÉ\xa0: année de financement\nCôte d’Ivoire, Sénégal\n"
    page = read_source(write(tmp_path / "p.txt", text.encode("cp1252")))
    assert page.text == text
    assert page.source.encoding == "cp1252"
    assert page.issues == ()


RETURNEES = ("Reintegration Support for Returnees to Côte d'Ivoire and Türkiye\n"
             "Project Type: Return and Reintegration\nYear: 2021\nPrima ID: CI10P0114\n"
             "Benefiting Member States: Côte d'Ivoire, Türkiye\n"
             "Returnees often come home to debts and find no work in their old trade.\n"
             "The project aims to help returnees{stray}start a small business (Objective).\n")


def test_a_utf8_page_with_one_stray_byte_is_read_as_utf8_with_a_warning(tmp_path: Path) -> None:
    data = RETURNEES.format(stray="\0").encode("utf-8").replace(b"\0", b"\xa0")
    record = parse_page(read_source(write(tmp_path / "p.txt", data)))
    assert record.source.encoding == "utf-8"
    assert record.title == "Reintegration Support for Returnees to Côte d'Ivoire and Türkiye"
    assert [state.iso3 for state in record.member_states] == ["CIV", "TUR"]
    [issue] = record.issues
    assert (issue.field, issue.line, issue.severity) == ("encoding", 7, "warning")
    assert "0xA0" in issue.message


def test_stray_windows_1252_bytes_read_as_their_characters(tmp_path: Path) -> None:
    text = RETURNEES.format(stray=" ") + "Contact: the office in Ankara\n"
    data = text.encode("utf-8").replace(b"Contact: the", b"\x93Contact\x94: the\r\nEUR \x80")
    page = read_source(write(tmp_path / "p.txt", data))
    assert page.source.encoding == "utf-8"
    assert page.text.endswith("“Contact”: the\nEUR € office in Ankara\n")
    assert [(issue.line, issue.severity) for issue in page.issues] == [(8, "warning"),
                                                                       (9, "warning")]
    assert "0x93, 0x94" in page.issues[0].message


def test_a_stray_byte_in_a_page_that_is_otherwise_ascii_reads_the_same(tmp_path: Path) -> None:
    data = b"Year\n2021\nNote\ncaf\xe9 owners\n"
    page = read_source(write(tmp_path / "p.txt", data))
    assert page.text == "Year\n2021\nNote\ncafé owners\n"


def test_crlf_and_cr_line_endings_become_newlines(tmp_path: Path) -> None:
    page = read_source(write(tmp_path / "p.txt", b"Year\r\n2021\rCoverage\r\nNational\r\n"))
    assert page.text == "Year\n2021\nCoverage\nNational\n"


def test_sha256_is_of_the_raw_bytes(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbfYear\r\n2021\r\n"
    page = read_source(write(tmp_path / "p.txt", data))
    assert page.source.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n"], ids=["zero-bytes", "whitespace"])
def test_empty_file_is_a_data_error_naming_the_file(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "empty.txt", data)
    with pytest.raises(DataError, match="empty file") as caught:
        read_source(path)
    assert caught.value.path is not None and caught.value.path.endswith("empty.txt")


def test_file_with_nul_bytes_is_a_binary_data_error(tmp_path: Path) -> None:
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(DataError, match="binary") as caught:
        read_source(path)
    assert caught.value.path is not None and caught.value.path.endswith("image.txt")


def test_file_of_control_bytes_is_a_binary_data_error(tmp_path: Path) -> None:
    path = write(tmp_path / "noise.txt", bytes(range(1, 9)) * 200 + b"\xff")
    with pytest.raises(DataError, match="binary"):
        read_source(path)


def test_missing_file_is_a_data_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read") as caught:
        read_source(tmp_path / "gone.txt")
    assert caught.value.path is not None and caught.value.path.endswith("gone.txt")


def test_html_is_recognised_by_suffix_and_by_content(tmp_path: Path) -> None:
    by_suffix = read_source(write(tmp_path / "page.html", b"Year 2021"))
    by_content = read_source(write(tmp_path / "page.txt", b"  <!DOCTYPE html><p>Year</p>"))
    plain = read_source(write(tmp_path / "plain.txt", b"Year\n2021\n"))
    assert by_suffix.is_html and by_suffix.source.media_type == "text/html"
    assert by_content.is_html
    assert not plain.is_html and plain.source.media_type == "text/plain"


def test_display_path_is_relative_to_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pages").mkdir()
    page = write(tmp_path / "pages" / "p.txt", b"Year\n2021\n")
    monkeypatch.chdir(tmp_path)
    assert display_path(page) == "pages/p.txt"
    assert read_source(page).source.path == "pages/p.txt"


def test_folders_are_walked_in_sorted_order_keeping_page_suffixes_only(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/2.html", "b/1.txt", "a.txt", "notes.md", "data.json", "c.HTM"):
        write(tmp_path / name, b"Year\n2021\n")
    found = [path.relative_to(tmp_path).as_posix() for path in iter_page_paths([tmp_path])]
    assert found == ["a.txt", "b/1.txt", "b/2.html", "c.HTM"]


def test_a_file_named_explicitly_is_taken_whatever_its_suffix(tmp_path: Path) -> None:
    page = write(tmp_path / "scrape.dat", b"Year\n2021\n")
    assert list(iter_page_paths([page])) == [page]


def test_a_path_that_does_not_exist_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        list(iter_page_paths([tmp_path / "nowhere"]))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16",
                                      "utf-16-le-bom", "utf-16-be-bom"])
def test_french_page_parses_the_same_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    text = ("Projet de démonstration\nType de projet\nLutte contre la traite\n"
            "Statut du projet\nAchevé\nID Prima\nCI10P0042\n"
            "Etat(s) membre(s) bénéficiaire(s)\nCôte d'Ivoire Sénégal\n")
    boms = {"utf-16-le-bom": ("utf-16-le", b"\xff\xfe"),
            "utf-16-be-bom": ("utf-16-be", b"\xfe\xff")}
    codec, bom = boms.get(encoding, (encoding, b""))
    record = parse_page(read_source(write(tmp_path / "p.txt", bom + text.encode(codec))))
    if encoding.startswith("utf-16"):  # Windows' "Unicode" text, with its byte order mark
        assert record.source.encoding == "utf-16"
    assert record.title == "Projet de démonstration"
    assert record.status == "Completed"
    assert [state.iso3 for state in record.member_states] == ["CIV", "SEN"]
    assert record.issues == []
