"""Reading and writing the CSV files users exchange with spreadsheets and ERPs.

Reading: UTF-8 with or without BOM, ``,`` or ``;`` as delimiter, header names
matched case-insensitively. Writing: UTF-8 with BOM (Excel opens it right) and
formula-leading cells neutralized with a leading apostrophe (OWASP CSV
injection), which reading undoes so that an export imports back unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

# A cell a spreadsheet would run as a formula: = + - @ tab CR, possibly behind
# apostrophes we added ourselves.
_NEEDS_GUARD = re.compile(r"^'*[=+\-@\t\r]")
_GUARDED = re.compile(r"^'+[=+\-@\t\r]")


class CsvFileError(Exception):
    """The file as a whole cannot be read (exit code 2)."""


@dataclass(slots=True)
class CsvRow:
    line: int  # line number in the file, for messages (header = line 1)
    values: dict[str, str]
    extra: list[str]  # cells beyond the header's columns


def neutralize(value: str) -> str:
    """Guard a cell against formula evaluation in spreadsheets."""
    return "'" + value if _NEEDS_GUARD.match(value) else value


def unneutralize(value: str) -> str:
    return value[1:] if _GUARDED.match(value) else value


def _some_names(names: Sequence[str], shown: int = 5, width: int = 40) -> str:
    """The first few names, each cut short: a message about a huge header stays short."""
    parts = [repr(n if len(n) <= width else n[: width - 1] + "…") for n in names[:shown]]
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(parts) + more


def read_rows(path: Path, allowed: Sequence[str]) -> tuple[list[str], Iterator[CsvRow]]:
    """Open ``path``; return its column names and an iterator over its data rows.

    Raises CsvFileError for an unreadable file, a missing header or unknown columns.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CsvFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvFileError(
            f"{path} is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8"
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise CsvFileError(f"{path} is empty: expected a header line") from None
    except csv.Error as exc:
        raise CsvFileError(f"{path}: {exc}") from None
    columns = [name.strip().lower() for name in header]
    unknown = [name for name in columns if name not in allowed]
    if unknown:
        raise CsvFileError(
            f"unknown column(s) {_some_names(unknown)} in the header; allowed: {', '.join(allowed)}"
        )
    duplicates = sorted(name for name, n in Counter(columns).items() if n > 1)
    if duplicates:
        raise CsvFileError(f"column(s) {_some_names(duplicates)} appear more than once")

    def rows() -> Iterator[CsvRow]:
        try:
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    continue  # blank line
                values = {
                    name: unneutralize(cell.strip())
                    for name, cell in zip(columns, cells, strict=False)
                }
                yield CsvRow(reader.line_num, values, cells[len(columns) :])
        except csv.Error as exc:
            raise CsvFileError(f"line {reader.line_num}: {exc}") from None

    return columns, rows()


def write_rows(path: Path, columns: Sequence[str], rows: Iterator[Sequence[str]]) -> int:
    """Write a CSV with ``columns`` as header; returns the number of data rows."""
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([neutralize(str(cell)) for cell in row])
            count += 1
    return count


def parse_bool(value: str) -> bool | None:
    """yes/no, true/false, 1/0, on/off (any case); None when it is none of them."""
    lowered = value.strip().lower()
    if lowered in ("yes", "true", "1", "on", "y", "x"):
        return True
    if lowered in ("no", "false", "0", "off", "n", ""):
        return False
    return None
