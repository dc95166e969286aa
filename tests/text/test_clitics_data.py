"""Clitic lists come from clitics.tsv only: no proclitic list or letter class is written in code."""
import ast
from pathlib import Path

import rasad
from rasad.knowledge import loader
from rasad.text.matcher import clitics
from rasad.text.normalize import normalize
from rasad.text.numbers import find_numbers
from rasad.text.numbers_words import lexicon

SRC = Path(rasad.__file__).parent
HEAD = "# source: invented for a test\n# licence: Apache-2.0\n"


def literal_clitic_lists(source: str, forms: set[str]) -> list[str]:
    """Tuples, lists or sets of three or more proclitics, and regex classes of proclitic letters."""
    letters = {f for f in forms if len(f) == 1}
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            vals = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            if len(vals) == len(node.elts) >= 3 and all(isinstance(v, str) and v in forms
                                                         for v in vals):
                found.append(f"{node.lineno}: {vals}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            s = node.value
            for i in range(len(s)):
                j = s.find("]", i)
                if s[i] == "[" and j > i + 2 and set(s[i + 1:j]) <= letters:
                    found.append(f"{node.lineno}: {s[i:j + 1]}")
    return found


def test_no_proclitic_list_is_written_in_the_text_or_knowledge_code():
    forms = set(clitics().proclitics)
    bad = {str(p.relative_to(SRC)): hits
           for p in [*(SRC / "text").glob("*.py"), *(SRC / "knowledge").glob("*.py")]
           if (hits := literal_clitic_lists(p.read_text(encoding="utf-8"), forms))}
    assert bad == {}


def test_the_check_sees_a_list_and_a_class():
    forms = {"و", "ف", "ب", "ل", "ال", "وال"}
    src = 'P = ("وال", "و", "ف")\nR = r"(?:[وفب])?x"\nOK = ("و", "x", "ف")\n'
    assert literal_clitic_lists(src, forms) == ["1: ['وال', 'و', 'ف']", "2: [وفب]"]


def test_the_number_proclitics_are_the_tables(tmp_path):
    loader.set_knowledge_dirs([])
    try:
        table = {f for f, (cls, _) in clitics().proclitics.items() if cls == "all"}
        assert set(lexicon().proclitics) == table and "وبال" in table
        assert [n.value for n in find_numbers(normalize("قتل وكالعشرة"))] == []
        (tmp_path / "clitics.tsv").write_text(HEAD + "kind\tform\tclass\nproclitic\tوكال\tall\n",
                                              encoding="utf-8")
        loader.set_knowledge_dirs([tmp_path])
        assert "وكال" in lexicon().proclitics
        assert [n.value for n in find_numbers(normalize("قتل وكالعشرة"))] == [10]
    finally:
        loader.set_knowledge_dirs([])
