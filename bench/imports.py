"""The import graph of `src/newsprism` between its parts: stage packages and ground-floor modules.

Usage: `python bench/imports.py [SRC_DIR]` (default: the `src/newsprism` next to this folder).

A part is a stage package (`ingest`, `annotate`, `cluster`, `extract`, `compare`, `compose`,
`ask`, `render`) or a ground-floor module (`model`, `store`, `embedding`, `pipeline`, …). Every
`import` statement counts, at module level, inside functions and under `TYPE_CHECKING` alike,
because each is a dependency a reader has to follow. Prints one line per part-to-part import
(importing module, imported module, names), then the stage-to-store and stage-to-stage imports,
the cycles between parts and the largest modules; the last line is one JSON object with the
counts. Limits: imports are read from the source (`ast`), so an import built at run time
(`importlib`) is not seen.
"""

from __future__ import annotations

import ast
import json
import sys
from dataclasses import dataclass
from pathlib import Path

STAGES = ("ingest", "annotate", "cluster", "extract", "compare", "compose", "ask", "render")
LARGEST_SHOWN = 8


@dataclass(frozen=True, slots=True, kw_only=True)
class Import:
    """One import statement of one module of another module of the package."""

    source: str  # importing module, dotted, without the package prefix ("compose.brief")
    target: str  # imported module ("model", "store", "compare.claims")
    names: tuple[str, ...]  # names imported from it (empty for `import x`)

    @property
    def source_part(self) -> str:
        return self.source.split(".")[0]

    @property
    def target_part(self) -> str:
        return self.target.split(".")[0]


def module_name(path: Path, root: Path) -> str:
    """`src/newsprism/compose/brief.py` -> `compose.brief`; a package `__init__` -> the package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts) or "__init__"


def imports_of(root: Path) -> list[Import]:
    """Every import of a `newsprism` module by a module under `root` (the package folder)."""
    package = root.name
    found: list[Import] = []
    for path in sorted(root.rglob("*.py")):
        source = module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module != package and not node.module.startswith(package + "."):
                    continue
                base = node.module[len(package) + 1 :]
                folder = root.joinpath(*base.split(".")) if base else root
                plain: list[str] = []
                for alias in node.names:  # `from pkg import x`: x may be a module of pkg
                    if (folder / alias.name).is_dir() or (folder / f"{alias.name}.py").exists():
                        target = f"{base}.{alias.name}" if base else alias.name
                        found.append(Import(source=source, target=target, names=(alias.name,)))
                    else:
                        plain.append(alias.name)
                if plain:
                    found.append(
                        Import(source=source, target=base or "__init__", names=tuple(plain))
                    )
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith(package + "."):
                        found.append(
                            Import(source=source, target=alias.name[len(package) + 1 :], names=())
                        )
    return found


def between_parts(imports: list[Import]) -> list[Import]:
    return [i for i in imports if i.source_part != i.target_part]


def part_cycles(imports: list[Import]) -> list[list[str]]:
    """Strongly connected groups of more than one part (Tarjan), each sorted; none is healthy."""
    graph: dict[str, set[str]] = {}
    for i in between_parts(imports):
        graph.setdefault(i.source_part, set()).add(i.target_part)
        graph.setdefault(i.target_part, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def module_cycles(imports: list[Import]) -> list[list[str]]:
    """Cycles between modules (not parts), e.g. within one stage package."""
    as_parts = [
        Import(source=i.source.replace(".", "/"), target=i.target.replace(".", "/"), names=())
        for i in imports
        if i.source != i.target
    ]
    return [[m.replace("/", ".") for m in group] for group in part_cycles(as_parts)]


def stage_to_store(imports: list[Import]) -> list[Import]:
    return [i for i in imports if i.source_part in STAGES and i.target_part == "store"]


def stage_to_stage(imports: list[Import]) -> list[Import]:
    return [
        i for i in between_parts(imports) if i.source_part in STAGES and i.target_part in STAGES
    ]


def module_sizes(root: Path) -> list[tuple[str, int]]:
    """(module, lines), largest first."""
    sizes = [
        (module_name(p, root), len(p.read_text(encoding="utf-8").splitlines()))
        for p in root.rglob("*.py")
    ]
    return sorted(sizes, key=lambda s: (-s[1], s[0]))


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent.parent / "src" / "newsprism"
    imports = imports_of(root)
    crossing = between_parts(imports)
    print("# part-to-part imports (importing module -> imported module: names)")
    for i in sorted(crossing, key=lambda i: (i.source_part, i.target_part, i.source, i.target)):
        print(f"{i.source} -> {i.target}: {', '.join(i.names)}")
    to_store = stage_to_store(imports)
    print(f"\n# stage -> store imports: {len(to_store)}")
    for i in to_store:
        print(f"{i.source} -> {i.target}: {', '.join(i.names)}")
    staged = stage_to_stage(imports)
    print(f"\n# stage -> stage imports: {len(staged)}")
    for i in staged:
        print(f"{i.source} -> {i.target}: {', '.join(i.names)}")
    cycles = part_cycles(imports)
    inner = module_cycles(imports)
    print(f"\n# cycles between parts: {cycles or 'none'}")
    print(f"# cycles between modules: {inner or 'none'}")
    sizes = module_sizes(root)
    print("\n# largest modules (lines)")
    for name, lines in sizes[:LARGEST_SHOWN]:
        print(f"{lines:6d} {name}")
    print(
        json.dumps(
            {
                "part_imports": len(crossing),
                "stage_to_store": len(to_store),
                "stage_to_stage": len(staged),
                "part_cycles": len(cycles),
                "module_cycles": len(inner),
                "largest_module": sizes[0][0],
                "largest_module_lines": sizes[0][1],
                "modules_over_1000_lines": sum(1 for _, n in sizes if n > 1000),
                "modules_over_600_lines": sum(1 for _, n in sizes if n > 600),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
