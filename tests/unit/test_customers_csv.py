"""CSV import/export of back-office customers, as the CLI offers it."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wcconnector_gui.cli.main import main
from wcconnector_gui.csvfiles.customers import export_customers, import_customers
from wcconnector_gui.csvfiles.dialect import neutralize, unneutralize
from wcconnector_gui.domain.customer import CUSTOMER_FIELDS
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.database import open_database


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding, newline="")
    return path


def cli(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def test_good_rows_go_in_and_bad_rows_are_reported_by_line(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(
        tmp_path / "in.csv",
        "email,name,no,country_code\n"
        "anna@example.de,Anna,,DE\n"
        "bad-address,Bob,,DE\n"
        "carl@example.com,Carl,,ZZ\n"
        "dora@example.com,Dora,C00900,US\n"
        "eve@example.com,Eve,C00900,US\n"
        "fay@example.com,Fay,,FR,surplus\n"
        "gil@example.com,Gil,,gb\n",
    )
    assert cli(db_path, "customers", "import", str(source)) == 1
    captured = capsys.readouterr()
    assert captured.out == "3 customers imported, 4 rejected (new Nos. C00010 to C00020)\n"
    err = captured.err.splitlines()
    assert err[0].startswith("line 3: malformed e-mail")
    assert err[1].startswith("line 4: invalid country code")
    assert err[2] == "line 6: duplicate customer No. C00900"
    assert err[3].startswith("line 7: has 5 values but the header has 4 columns")
    db = open_database(db_path)
    repo = CustomerRepository(db)
    assert [c.no for c in repo.iter_all()] == ["C00010", "C00020", "C00900"]
    assert repo.get("C00020").country_code == "GB"


def test_all_rows_in_is_exit_0_and_unreadable_is_exit_2(tmp_path: Path, db_path: Path) -> None:
    good = write(tmp_path / "good.csv", "name\nA\nB\n")
    assert cli(db_path, "customers", "import", str(good)) == 0
    assert cli(db_path, "customers", "import", str(tmp_path / "missing.csv")) == 2
    latin1 = write(tmp_path / "latin1.csv", "name\nMüller\n", encoding="latin-1")
    assert cli(db_path, "customers", "import", str(latin1)) == 2
    unknown = write(tmp_path / "unknown.csv", "name,shoe_size\nA,44\n")
    assert cli(db_path, "customers", "import", str(unknown)) == 2
    assert cli(db_path, "customers", "frobnicate") == 2


def test_bom_and_semicolons(tmp_path: Path, db) -> None:
    source = write(
        tmp_path / "excel.csv", "No;Name;City\nK1;Zoë;Zürich\nK2;Åsa;Malmö\n", "utf-8-sig"
    )
    report = import_customers(db, source)
    assert report.ok and report.imported == 2
    assert CustomerRepository(db).get("K1").city == "Zürich"


def test_update_changes_only_the_columns_present(tmp_path: Path, db) -> None:
    import_customers(db, write(tmp_path / "a.csv", "no,name,city,phone\nK1,Anna,Bonn,+49 228 1\n"))
    report = import_customers(
        db, write(tmp_path / "b.csv", "no,city\nK1,Berlin\nK9,Nowhere\n"), update=True
    )
    assert report.updated == 1
    assert report.rejected == [(3, "customer No. K9 does not exist (import without --update)")]
    customer = CustomerRepository(db).get("K1")
    assert (customer.name, customer.city, customer.phone) == ("Anna", "Berlin", "+49 228 1")


def test_export_neutralizes_formulas(tmp_path: Path, db) -> None:
    source = write(
        tmp_path / "in.csv",
        'no,name,address,city,contact\nK1,=HYPERLINK("x"),@SUM(A1),-2+3,"\tx"\n',
    )
    assert import_customers(db, source).ok
    out = tmp_path / "out.csv"
    export_customers(db, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        row = next(r for r in csv.DictReader(handle))
    assert row["name"] == '\'=HYPERLINK("x")'
    assert row["address"] == "'@SUM(A1)"
    assert row["city"] == "'-2+3"
    for value in row.values():
        assert not value or value[0] not in "=+-@\t\r"


@pytest.mark.parametrize("value", ["=1", "+49", "'=1", "''@x", "'plain", "-", "a=b"])
def test_neutralize_is_reversible(value: str) -> None:
    assert unneutralize(neutralize(value)) == value


# Names and addresses in several scripts: Latin with accents, Greek, Cyrillic,
# CJK, Arabic, plus spreadsheet-dangerous leading characters.
_SCRIPTS = st.sampled_from(
    [
        "abcdefghijklmnopqrstuvwxyzäöüßéèçñøå",
        "αβγδεζηθικλμνξοπρστυφχψω",
        "абвгдеёжзийклмнопрстуфхцчшщыэюя",
        "東京大阪山田太郎花子株式会社",
        "محمدعليشارعالقاهرة",
        "ABCXYZ0123456789 -.,'/&",
        "=+-@",
    ]
)


@st.composite
def clean_text(draw: st.DrawFn) -> str:
    alphabet = draw(_SCRIPTS)
    text = draw(st.text(alphabet=alphabet + " ", max_size=30))
    return text.strip()


_FIELD_STRATEGIES = {
    "name": clean_text(),
    "name_2": clean_text(),
    "contact": clean_text(),
    "address": clean_text(),
    "address_2": clean_text(),
    "city": clean_text(),
    "post_code": st.from_regex(r"[0-9A-Z -]{0,8}", fullmatch=True).map(str.strip),
    "county": clean_text(),
    "country_code": st.sampled_from(["", "DE", "GR", "RU", "JP", "EG", "US"]),
    "phone": st.from_regex(r"(\+?[0-9 ()-]{0,15})?", fullmatch=True).map(str.strip),
    "email": st.sampled_from(["", "a@example.com", "x.y@example.org"]),
    "blocked": st.booleans(),
}
_ROW = st.fixed_dictionaries(_FIELD_STRATEGIES)


_ROW_KEYS = list(_FIELD_STRATEGIES)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(_ROW, min_size=1, max_size=8))
def test_import_export_import_is_lossless(rows: list[dict[str, object]], tmp_path: Path) -> None:
    work = Path(tempfile.mkdtemp(dir=tmp_path))  # one folder per example
    first_db = open_database(work / "first.db")
    source = work / "source.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["no", *_ROW_KEYS])
        for index, row in enumerate(rows):
            cells = [neutralize(str(row[k])) if k != "blocked" else str(row[k]) for k in _ROW_KEYS]
            writer.writerow([f"K{index}", *cells])
    assert import_customers(first_db, source).ok
    exported = work / "export.csv"
    export_customers(first_db, exported)
    second_db = open_database(work / "second.db")
    assert import_customers(second_db, exported).ok
    fields = ", ".join(CUSTOMER_FIELDS)
    first = first_db.execute(f"SELECT {fields} FROM customers ORDER BY no").fetchall()
    second = second_db.execute(f"SELECT {fields} FROM customers ORDER BY no").fetchall()
    assert first == second
    by_no = {r[0]: r for r in first}
    for index, row in enumerate(rows):
        stored = dict(zip(CUSTOMER_FIELDS, by_no[f"K{index}"], strict=True))
        assert stored["name"] == row["name"]
        assert stored["city"] == row["city"]
        assert bool(stored["blocked"]) == row["blocked"]
    first_db.close()
    second_db.close()


# --- a row's fate is told exactly; a file that cannot be read imports nothing --------------
def _count(db_path: Path) -> int:
    db = open_database(db_path)
    try:
        return int(db.execute("SELECT count(*) FROM customers").fetchone()[0])
    finally:
        db.close()


def test_a_quote_never_closed_imports_nothing_and_names_its_line(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "".join(f"K{n},Name {n}\n" for n in range(1, 6001))
    source = write(tmp_path / "in.csv", f'no,name\n{rows}K9001,"Open quote\nK9002,Bob\nK9003,Eve\n')
    assert cli(db_path, "customers", "import", str(source)) == 2
    err = capsys.readouterr().err
    assert "line 6002" in err and "never closed" in err and "nothing was imported" in err
    assert _count(db_path) == 0


def test_a_quote_closed_lines_later_rejects_that_record_with_its_lines(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(
        tmp_path / "in.csv",
        'no,name,city\nK1,Anna,Bonn\nK2,"Bob,Berlin\nK3,Carl,Paris\nK4,Dora",Rome\nK5,Eve,Oslo\n',
    )
    assert cli(db_path, "customers", "import", str(source)) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("2 customers imported, 1 rejected")
    assert captured.err.startswith("line 3: a value runs over lines 3 to 5")
    db = open_database(db_path)
    assert [c.no for c in CustomerRepository(db).iter_all()] == ["K1", "K5"]
    db.close()


def test_a_too_large_cell_rejects_its_row_and_the_rest_goes_in(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "".join(f"K{n},Name {n}\n" for n in range(1, 6001))
    huge = "x" * 200_000
    source = write(tmp_path / "in.csv", f"no,name\n{rows}K9001,{huge}\nK9002,Bob\n")
    assert cli(db_path, "customers", "import", str(source)) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("6001 customers imported, 1 rejected")
    assert captured.err == (
        "line 6002: the value of 'name' is 200,000 characters long (at most 1,000)\n"
    )
    assert _count(db_path) == 6001


def test_nul_bytes_never_reach_the_database(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"no,name,city\nK1,Anna,Bonn\nK2,B\x00ob,Berlin\nK3,Carl,Pa\x00ris\n")
    assert cli(db_path, "customers", "import", str(source)) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("1 customer imported, 2 rejected")
    assert "line 3: the value of 'name' contains a NUL character" in captured.err
    assert "line 4: the value of 'city' contains a NUL character" in captured.err
    db = open_database(db_path)
    assert b"\x00" not in repr(db.execute("SELECT * FROM customers").fetchall()).encode()
    assert [c.no for c in CustomerRepository(db).iter_all()] == ["K1"]
    db.close()


def test_an_import_that_breaks_off_leaves_the_database_as_it_was(
    tmp_path: Path, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One transaction: rows are never half in (the old import committed every 5,000)."""
    rows = "".join(f"K{n},Name {n}\n" for n in range(1, 12001))
    source = write(tmp_path / "in.csv", f"no,name\n{rows}")
    calls = 0
    original = CustomerRepository.insert_rows

    def break_on_second_chunk(self: CustomerRepository, rows: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError("disk full")
        original(self, rows)

    monkeypatch.setattr(CustomerRepository, "insert_rows", break_on_second_chunk)
    with pytest.raises(OSError):
        import_customers(db, source)
    assert db.execute("SELECT count(*) FROM customers").fetchone()[0] == 0


def test_a_mapping_file_that_cannot_be_read_changes_nothing(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "c.csv", "no,name\nK1,Anna\nK2,Bob\nK3,Carl\n")
    assert cli(db_path, "customers", "import", str(tmp_path / "c.csv")) == 0
    source = write(
        tmp_path / "m.csv",
        'no,username,password\nK1,anna,Pass-Word-1\nK2,bob,Pass-Word-2\nK3,"carl,Pass-Word-3\n',
    )
    assert cli(db_path, "mapping", "import", str(source)) == 2
    assert "line 4" in capsys.readouterr().err
    db = open_database(db_path)
    assert db.execute("SELECT count(*) FROM mappings").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM pending_passwords").fetchone()[0] == 0
    db.close()
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"no,username,password\nK1,anna,Pass-Word-1\nK2,b\x00ob,Pass-Word-2\n")
    assert cli(db_path, "mapping", "import", str(nul)) == 1
    assert "line 3: the value of 'username' contains a NUL" in capsys.readouterr().err
