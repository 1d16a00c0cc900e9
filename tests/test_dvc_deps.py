"""dvc.yaml's stage depends on exactly the pipeline/ modules `notice-tasks run` imports.

The list is computed from the imports (``pipeline.import_closure.import_closure``, the same walk as the
cache's code fingerprint), so editing the `units` report does not re-run the pipeline, and a new
module the run imports cannot be forgotten in dvc.yaml. pipeline/compare/ is listed as one folder:
its modules and the plot template beside them.
"""

from __future__ import annotations

import ast

import yaml

from pipeline.import_closure import import_closure
from tests.conftest import ROOT

# Modules only another subcommand loads (`units`), lazily inside its handler in pipeline/cli.py;
# test_other_commands_modules_are_cleanly_separable checks that it does.
OTHER_COMMANDS = {"pipeline.unit_report": "_units"}
COMPARE_FOLDER = "pipeline/compare"


def _run_modules() -> dict[str, str]:
    """The CLI's imports, and those of the modules the workers' fork server imports by name."""
    from pipeline.forkserver import PRELOAD

    closure = import_closure(["pipeline.cli", *PRELOAD], root=ROOT, skip=OTHER_COMMANDS)
    return {name: path.relative_to(ROOT).as_posix() for name, path in closure.items()}


def _stage_deps() -> list[str]:
    return yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]["run"]["deps"]


def _is_other_command(module: str) -> bool:
    return any(module == name or module.startswith(f"{name}.") for name in OTHER_COMMANDS)


def test_stage_lists_exactly_the_modules_the_run_imports() -> None:
    modules = _run_modules().values()
    expected = sorted({COMPARE_FOLDER if path.startswith(f"{COMPARE_FOLDER}/") else path for path in modules})
    listed = sorted(dep for dep in _stage_deps() if dep == "pipeline" or dep.startswith("pipeline/"))
    lines = "\n".join(f"      - {path}" for path in expected)
    assert listed == expected, f"dvc.yaml stage run: replace its pipeline deps by\n{lines}"
    assert any(path.startswith(f"{COMPARE_FOLDER}/") for path in modules)  # the folder entry is not dead


def test_stage_keeps_the_packages_and_the_inputs_whole() -> None:
    deps = _stage_deps()
    inputs = {"corpus/notices", "corpus/unit_aliases.csv", "corpus/gold", "corpus/themes.yaml", "corpus/stopwords.txt"}
    assert {"extractors", "normalizers", *inputs} <= set(deps)
    assert len(deps) == len(set(deps))


def test_the_run_closure_covers_the_cached_code() -> None:
    """What the cache fingerprint hashes of pipeline/ is part of what the stage depends on."""
    cached = import_closure(["pipeline.extract", "pipeline.parts"], root=ROOT)
    assert set(cached) <= set(_run_modules())


def _imports(nodes: list[ast.stmt]) -> set[str]:
    return {alias.name for statement in nodes for node in ast.walk(statement) if isinstance(node, ast.Import) for alias in node.names} | {
        node.module for statement in nodes for node in ast.walk(statement) if isinstance(node, ast.ImportFrom) and node.module
    }


def test_other_commands_modules_are_cleanly_separable() -> None:
    """Leaving pipeline/compare and pipeline/unit_report out is right only while no module of the
    run imports them, and pipeline/cli.py only inside the handler of their own subcommand."""
    from pipeline.import_closure import _imported_names

    for name, path in _run_modules().items():
        if name != "pipeline.cli":
            imported = _imported_names((ROOT / path).read_bytes(), name, path.endswith("__init__.py"))
            assert not any(map(_is_other_command, imported)), f"{path} imports another command's module"

    tree = ast.parse((ROOT / "pipeline" / "cli.py").read_text(encoding="utf-8"))
    functions = {node.name: node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    module_level = [node for node in tree.body if node not in functions.values()]
    assert not any(map(_is_other_command, _imports(module_level))), "pipeline/cli.py imports another command at module level"
    for function in functions.values():
        for module in filter(_is_other_command, _imports([function])):
            owner = next(handler for prefix, handler in OTHER_COMMANDS.items() if module == prefix or module.startswith(f"{prefix}."))
            assert function.name == owner, f"pipeline/cli.py: {function.name}() imports {module}; only {owner}() should"
    # The whole closure of the CLI does reach them (through those handlers): the list is not dead.
    everything = import_closure(["pipeline.cli"], root=ROOT)
    assert all(any(m == prefix or m.startswith(f"{prefix}.") for m in everything) for prefix in OTHER_COMMANDS)
