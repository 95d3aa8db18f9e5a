"""House rules that keep the three packages honest: one-way imports and exact public APIs."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("textkit", "corpus", "bibliography", "annotate")
# What each package may import from the others: textkit is the shared leaf, corpus and bibliography
# know nothing of each other, annotate builds on all.
ALLOWED = {
    "textkit": set(),
    "corpus": {"textkit"},
    "bibliography": {"textkit"},
    "annotate": {"textkit", "corpus", "bibliography"},
}


def _imported_top_levels(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_go_one_way(package):
    wrong = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in _imported_top_levels(path) & set(PACKAGES):
            if name != package and name not in ALLOWED[package]:
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not wrong, "wrong-way imports: " + "; ".join(wrong)


def test_the_import_walker_sees_imports(tmp_path):
    # Guard against a walker that silently finds nothing.
    f = tmp_path / "m.py"
    f.write_text("import corpus.model\nfrom annotate import cli\nfrom . import x\n", encoding="utf-8")
    assert _imported_top_levels(f) == {"corpus", "annotate"}


@pytest.mark.parametrize("package", PACKAGES)
def test_all_lists_exactly_the_public_names(package):
    module = importlib.import_module(package)
    public = {n for n in vars(module) if not n.startswith("_")}
    # Submodules imported as a side effect of importing the package are not API.
    public -= {n for n, v in vars(module).items() if type(v).__name__ == "module"}
    assert set(module.__all__) - {"__version__"} == public
    assert len(module.__all__) == len(set(module.__all__))


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_name_has_a_docstring(package):
    module = importlib.import_module(package)
    missing = []
    for name in module.__all__:
        obj = getattr(module, name)
        if (inspect.isclass(obj) or inspect.isfunction(obj)) and not (inspect.getdoc(obj) or "").strip():
            missing.append(name)
    assert not missing, f"{package}: public names without a docstring: {missing}"
