"""Every statement on a table of the store's own names the store (issue 13).

A query on mappings, store copies, pending passwords, runs or conflicts without
``store_id`` would read or write another store's rows; this reads the SQL text in
storage/ and fails on one (written before a statement slipped through once).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

STORAGE = Path(__file__).parents[2] / "wcconnector_gui" / "storage"
PER_STORE = (
    "mappings",
    "webstore_customers",
    "pending_passwords",
    "conflicts",
    "sync_runs",
    "store_setup",
)
TOUCHES = re.compile(
    r"\b(?:FROM|JOIN|INTO|UPDATE)\s+(" + "|".join(PER_STORE) + r")\b", re.IGNORECASE
)
# Statements that reach rows by a key that is already one store's: a run's own id.
BY_RUN_ID = re.compile(r"^UPDATE sync_runs SET .* WHERE id = \?$", re.DOTALL)
# The store's column as a word of its own ("webstore_id" does not name the store).
NAMES_STORE = re.compile(r"\bstore_id\b")


def _sql_texts(path: Path) -> list[tuple[int, str]]:
    texts = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts_of_fstrings = {
        id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values
    }
    for node in ast.walk(tree):
        if id(node) in parts_of_fstrings:
            continue  # read with its f-string, whole
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            texts.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):
            parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
            texts.append((node.lineno, "{}".join(str(p) for p in parts)))
    return texts


def test_per_store_statements_name_the_store() -> None:
    unscoped = []
    for path in sorted(STORAGE.glob("*.py")):
        if path.name in ("migrations.py", "stores.py"):
            continue  # the schema itself; the store list (its statements are all per store)
        for line, text in _sql_texts(path):
            if not TOUCHES.search(text) or NAMES_STORE.search(text):
                continue
            if BY_RUN_ID.match(text.strip()):
                continue
            unscoped.append(f"{path.name}:{line}: {' '.join(text.split())[:90]}")
    assert unscoped == []


def test_the_check_finds_an_unscoped_statement(tmp_path: Path) -> None:
    texts = _sql_texts(_sample(tmp_path))
    found = [t for _line, t in texts if TOUCHES.search(t) and not NAMES_STORE.search(t)]
    assert found == [
        "SELECT customer_no FROM conflicts WHERE resolved_at = ''",
        "SELECT webstore_id FROM mappings WHERE webstore_id IS NOT NULL",
    ]


def _sample(tmp_path: Path) -> Path:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "a = \"SELECT customer_no FROM conflicts WHERE resolved_at = ''\"\n"
        'b = "SELECT * FROM mappings WHERE store_id = ?"\n'
        'c = "SELECT webstore_id FROM mappings WHERE webstore_id IS NOT NULL"\n',
        encoding="utf-8",
    )
    return sample
