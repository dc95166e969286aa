"""Every knowledge file names its source and licence; a file without them does not load."""
from __future__ import annotations

from pathlib import Path

import pytest

from rasad.errors import KnowledgeError
from rasad.knowledge import loader


@pytest.mark.parametrize("name", loader.all_tables())
def test_every_package_table_has_provenance(name: str) -> None:
    table = loader.load_table(name)
    assert table.rows, f"{name} is empty"
    for path, meta in table.meta.items():
        assert meta.get("source"), path
        assert meta.get("licence") or meta.get("license"), path


def test_vocabulary_tables_are_shipped() -> None:
    assert {"weapons", "triggers", "cues", "clitics"} <= set(loader.all_tables())


@pytest.mark.parametrize("header", ["", "# source: someone\n", "# licence: MIT\n"])
def test_file_without_provenance_is_refused(tmp_path: Path, header: str) -> None:
    (tmp_path / "weapons.tsv").write_text(header + "surface\tcls\tkey\nهراوة\tnoun\tmelee\n", encoding="utf-8")
    try:
        loader.set_knowledge_dirs([tmp_path])
        with pytest.raises(KnowledgeError) as exc:
            loader.load_table("weapons")
        assert "provenance" in str(exc.value) and str(tmp_path / "weapons.tsv") in str(exc.value)
    finally:
        loader.set_knowledge_dirs([])
