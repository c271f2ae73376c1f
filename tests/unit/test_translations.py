"""The translation files: every window text is in each .ts, translated, and the .qm is built."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_translations_are_complete_and_the_qm_is_built_from_the_ts() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_wheel_ships_the_qm_files(tmp_path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        check=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(n).name for n in names if n.startswith("wcconnector_gui/translations/")}
    expected = {p.name for p in (ROOT / "wcconnector_gui" / "translations").glob("*.qm")}
    assert expected and shipped == expected  # the .qm files, not the .ts sources
