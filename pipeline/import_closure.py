"""Which modules of a package importing some modules may load, found statically with ``ast``.

The per-notice cache key (``pipeline.cache.code_fingerprint``) hashes the code that decides what an
entry holds, and the ``extract`` stage of ``dvc.yaml`` lists the code the run needs
(``tests/test_dvc_deps.py``): both follow the imports instead of a list kept by hand.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pipeline

# The folder holding the three packages (the repository, or site-packages once installed).
SOURCE_ROOT = Path(pipeline.__file__).resolve().parent.parent


def _module_file(module: str, root: Path) -> Path | None:
    """The source file of a dotted module name under ``root``, or None when there is none."""
    base = root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported_names(source: bytes, module: str, is_package: bool) -> set[str]:
    """Every module name an import statement anywhere in ``source`` may load: at module level, in
    functions, under ``if TYPE_CHECKING`` (counting those is conservative, hence safe), and
    ``importlib.import_module("literal")``. ``from a import b`` yields both ``a`` and ``a.b``, as
    ``b`` may be a submodule; names that are no module are dropped by the caller."""
    tree = ast.parse(source)
    names: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    # Import statements are statements: walking statement bodies only is enough and much faster
    # than ast.walk; calls like import_module("...") are expressions, so those files get a full walk.
    full = b"import_module" in source or b"__import__" in source
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x, from .x import y
                parts = package.split(".")
                anchor = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{anchor}.{node.module}" if node.module else anchor
            else:
                base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
        elif full and isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if function in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                names.add(node.args[0].value)
        if full:
            pending.extend(ast.iter_child_nodes(node))
        else:
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                children = getattr(node, field, None)
                if isinstance(children, list):
                    pending.extend(children)
    return names


def import_closure(entries: Iterable[str], *, package: str = "pipeline", root: Path = SOURCE_ROOT,
                   skip: Iterable[str] = ()) -> dict[str, Path]:
    """The modules of ``package`` that importing ``entries`` may load, statically: the entries,
    then every module of ``package`` any of them imports (``import pipeline.x``,
    ``from pipeline.x import y``, ``from pipeline import x``, relative imports), transitively, with
    the ``__init__`` of each package on the way (importing ``pipeline.x`` runs ``pipeline``'s).
    Modules named in ``skip`` (or below them) are neither included nor followed. Returns
    ``{dotted name: source file}``, sorted by name."""
    skipped = tuple(skip)

    def wanted(name: str) -> bool:
        return (name == package or name.startswith(f"{package}.")) and not any(
            name == s or name.startswith(f"{s}.") for s in skipped
        )

    found: dict[str, Path] = {}
    pending = list(entries)
    while pending:
        name = pending.pop()
        if name in found or not wanted(name):
            continue
        path = _module_file(name, root)
        if path is None:
            continue  # an attribute (from pipeline.x import function), not a module
        found[name] = path
        parents = name.split(".")
        pending.extend(".".join(parents[:i]) for i in range(1, len(parents)))
        pending.extend(_imported_names(path.read_bytes(), name, path.name == "__init__.py"))
    return dict(sorted(found.items()))
