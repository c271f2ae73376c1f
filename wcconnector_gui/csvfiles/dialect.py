"""Reading and writing the CSV files users exchange with spreadsheets and ERPs.

Reading: UTF-8 with or without BOM, ``,`` or ``;`` as delimiter, header names
matched case-insensitively. A row the file itself makes unusable comes with its
reason (:attr:`CsvRow.problem`): a value over :data:`MAX_VALUE_CHARS` characters,
a NUL character, a value that runs over several lines (a quote not closed where
it should be). Where the csv reader itself loses its way (a quote never closed,
text after a closing quote) nothing after can be trusted: :class:`CsvFileError`.

Writing: UTF-8 with BOM (Excel opens it right) and formula-leading cells
neutralized with a leading apostrophe (OWASP CSV injection), which reading undoes
so that an export imports back unchanged.
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


# Longer than any back-office field needs (the longest take 100 characters).
MAX_VALUE_CHARS = 1_000
# What the csv module may read into one value before it stops (then: too long).
_FIELD_LIMIT = 1 << 24


class CsvFileError(Exception):
    """The file as a whole cannot be read (exit code 2): nothing of it is imported."""


@dataclass(slots=True)
class CsvRow:
    line: int  # line number in the file where the row starts (header = line 1)
    values: dict[str, str]
    extra: list[str]  # cells beyond the header's columns
    problem: str = ""  # why the row cannot be used as it was read ("" when it can)


def _value_problem(columns: Sequence[str], cells: Sequence[str]) -> str:
    for index, cell in enumerate(cells):
        name = f"'{columns[index]}'" if index < len(columns) else f"column {index + 1}"
        if len(cell) > MAX_VALUE_CHARS:
            return (
                f"the value of {name} is {len(cell):,} characters long "
                f"(at most {MAX_VALUE_CHARS:,})"
            )
        if "\x00" in cell:
            return f"the value of {name} contains a NUL character (byte 0), which is not text"
    return ""


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

    Raises CsvFileError for an unreadable file, a missing header or unknown columns;
    iterating the rows raises it too where the reader loses its way, so a caller
    writes the rows in one transaction (nothing of such a file is imported).
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
    csv.field_size_limit(_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
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
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise _unreadable(start, str(exc)) from None
            if not any(cell.strip() for cell in cells):
                continue  # blank line
            end = reader.line_num
            values = {
                name: unneutralize(cell.strip()) for name, cell in zip(columns, cells, strict=False)
            }
            row = CsvRow(start, values, cells[len(columns) :])
            if end > start:
                row.problem = (
                    f"a value runs over lines {start} to {end} (is a quote on line {start} "
                    "not closed?); values are one line each, so none of these lines is imported"
                )
            else:
                row.problem = _value_problem(columns, cells)
            yield row

    return columns, rows()


def _unreadable(start: int, error: str) -> CsvFileError:
    """Where the csv reader lost its way, nothing after can be trusted: the file is refused."""
    if "unexpected end of data" in error:
        reason = 'a quote (") opened on this line is never closed'
    elif "expected after" in error:
        reason = 'text follows a closing quote (a quote inside a quoted value is written "")'
    elif "field larger than field limit" in error:
        reason = f"a value is longer than {_FIELD_LIMIT:,} characters"
    else:
        reason = error
    return CsvFileError(
        f"line {start}: {reason}, so the rest of the file cannot be read; nothing was imported"
    )


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
