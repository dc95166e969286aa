"""The text layer sits on the knowledge loader only: it never imports the knowledge resolvers,
the extractor or anything else above it, not even inside a function."""
import ast
from pathlib import Path

import rasad

SRC = Path(rasad.__file__).parent
# what the text layer and the loader beneath it may import from rasad
BELOW_TEXT = ("rasad.errors", "rasad.knowledge.loader", "rasad.knowledge.core",
              "rasad.knowledge.tables")
LOADER = ("knowledge/loader.py", "knowledge/core.py", "knowledge/tables.py")


def rasad_imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every rasad import in the file, at any depth."""
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    return rasad_imports_of(path.read_text(encoding="utf-8"), package)


def rasad_imports_of(source: str, package: str) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            out += [(node.lineno, f"{base}.{a.name}") for a in node.names]
    return [(n, m) for n, m in out if m == "rasad" or m.startswith("rasad.")]


def allowed(module: str, own: str) -> bool:
    return module.startswith(own + ".") or any(module == b or module.startswith(b + ".")
                                               for b in BELOW_TEXT)


def test_text_layer_imports_nothing_above_the_loader():
    bad = [f"{p.name}:{n} imports {m}" for p in sorted((SRC / "text").glob("*.py"))
           for n, m in rasad_imports(p) if not allowed(m, "rasad.text")]
    assert bad == []


def test_the_loader_imports_neither_text_nor_extraction():
    bad = [f"{rel}:{n} imports {m}" for rel in LOADER for n, m in rasad_imports(SRC / rel)
           if not any(m == b or m.startswith(b + ".") for b in BELOW_TEXT)]
    assert bad == []
    assert rasad_imports(SRC / "knowledge" / "__init__.py") == []


def test_the_check_sees_relative_and_nested_imports():
    src = ("from ..knowledge import vocab\nfrom ..knowledge.loader import cached\n"
           "def f():\n    from ..extract.registry import on\n    import rasad.web\n"
           "from . import numbers_words\n")
    found = {m for _, m in rasad_imports_of(src, "rasad.text")}
    assert found == {"rasad.knowledge.vocab", "rasad.knowledge.loader.cached",
                     "rasad.extract.registry.on", "rasad.web", "rasad.text.numbers_words"}
    assert {m for m in found if not allowed(m, "rasad.text")} == {
        "rasad.knowledge.vocab", "rasad.extract.registry.on", "rasad.web"}
