"""Update or check the window's translations (developers; the tests run ``--check``).

    python scripts/translations.py            # collect new texts into the .ts, build the .qm
    python scripts/translations.py --check    # exit 1 when the .ts or the .qm is behind

The source of each language is ``wcconnector_gui/translations/wcconnector_gui_<lang>.ts``
(Qt Linguist's format; edit it with Qt Linguist or a text editor: a text still
to translate has ``type="unfinished"``). The ``.qm`` next to it is what the app
loads; it is committed, built from the ``.ts`` by ``pyside6-lrelease``, so an
editable install, a wheel and the PyInstaller build all ship it without a build
step, and ``--check`` makes sure it is never stale.

Texts are collected by ``pyside6-lupdate`` from ``self.tr(...)`` and
``QCoreApplication.translate(...)`` calls and from ``translatable(context, text)``
marks (the Qt-free core's, see wcconnector_gui/domain/translatable.py). The tools
come with PySide6-Essentials.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "wcconnector_gui"
TRANSLATIONS = PACKAGE / "translations"
MARKERS = ("tr(", "translate(", "translatable(")


def tool(name: str) -> str:
    """A PySide6 tool, preferably the one next to this Python (the venv's)."""
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    found = shutil.which(name, path=search)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials (pip install -e .)")
    return found


def sources() -> list[str]:
    """The package's Python files that hold texts for translation (sorted, relative)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if any(marker in text for marker in MARKERS):
            found.append(str(path.relative_to(ROOT)))
    return found


def ts_files() -> list[Path]:
    return sorted(TRANSLATIONS.glob("wcconnector_gui_*.ts"))


def lupdate(ts: Path) -> None:
    """Merge the texts found in the sources into ``ts`` (translations kept, gone ones dropped)."""
    command = [
        tool("pyside6-lupdate"),
        "-silent",
        "-locations",
        "none",
        "-no-obsolete",
        "-tr-function-alias",
        "QT_TRANSLATE_NOOP+=translatable",
        *sources(),
        "-ts",
        str(ts),
    ]
    subprocess.run(command, cwd=ROOT, check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def messages(ts: Path) -> dict[tuple[str, str], bool]:
    """(context, source) → translated, for every text in ``ts``."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") != "unfinished"
            found[(name, message.findtext("source", ""))] = done
    return found


# lupdate does not look into f-strings: a tr() there is never translated.
TR_IN_FSTRING = re.compile(r"""\{(self\.tr|QCoreApplication\.translate|translate)\(['"]""")


def hidden_texts() -> list[str]:
    """tr() calls with a literal inside an f-string (lupdate cannot see them)."""
    found = []
    for name in sources():
        for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), 1):
            if TR_IN_FSTRING.search(line):
                found.append(f"{name}:{number}: a text in an f-string is not seen by lupdate")
    return found


def check() -> list[str]:
    """What is behind, in plain words (empty: all up to date)."""
    problems = hidden_texts()
    for ts in ts_files():
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / ts.name
            shutil.copy(ts, fresh)
            lupdate(fresh)
            now, then = messages(fresh), messages(ts)
            new = sorted(key for key in now if key not in then)
            gone = sorted(key for key in then if key not in now)
            undone = sorted(key for key, done in then.items() if not done and key in now)
            for context, source in new:
                problems.append(f"{ts.name}: new text, not in the .ts yet: {context}: {source!r}")
            for context, source in gone:
                problems.append(f"{ts.name}: text no longer in the code: {context}: {source!r}")
            for context, source in undone:
                problems.append(f"{ts.name}: not translated yet: {context}: {source!r}")
            built = Path(tmp) / "built.qm"
            lrelease(ts, built)
            qm = ts.with_suffix(".qm")
            if not qm.exists() or qm.read_bytes() != built.read_bytes():
                problems.append(f"{qm.name} is not built from {ts.name}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 when behind")
    args = parser.parse_args()
    if args.check:
        problems = check()
        for problem in problems:
            print(problem)
        if problems:
            print(
                "Run `python scripts/translations.py`, translate the texts marked "
                'type="unfinished" in wcconnector_gui/translations/*.ts, and run it again.'
            )
        return 1 if problems else 0
    for ts in ts_files():
        lupdate(ts)
        lrelease(ts, ts.with_suffix(".qm"))
        left = sum(1 for done in messages(ts).values() if not done)
        print(f"{ts.relative_to(ROOT)}: {left} text(s) still to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
