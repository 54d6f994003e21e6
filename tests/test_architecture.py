"""The shape of `src/newsprism`, read from its import statements (`bench/imports.py`): stages
are pure (none imports the store), they import each other only for public record types and
never in a loop, the ground floor imports no stage, and no module grows past 1,000 lines."""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path

from support import REPO, load_bench

SRC = REPO / "src" / "newsprism"
MAX_LINES = 1000
MAX_STAGE_TO_STAGE = 3
# The pipeline, the command line and the feed watcher are the faces that call the stages, and so
# is the per-article map the pipeline runs on worker processes (`articlemap`: annotate and
# extract from one spaCy pass); every other part outside the stage packages is the ground floor
# the stages stand on.
FACES = frozenset({"pipeline", "cli", "__main__", "web", "watch", "articlemap"})

imports_script = load_bench("imports")


def _imports() -> list:  # type: ignore[type-arg]
    return imports_script.imports_of(SRC)  # type: ignore[no-any-return]


def test_the_script_sees_the_imports_it_must_judge() -> None:
    found = _imports()
    pairs = {(i.source, i.target) for i in found}
    assert ("pipeline", "store") in pairs  # the pipeline is where the store is used
    assert ("compose.brief", "compose.sections") in pairs
    stages = set(imports_script.STAGES)
    assert {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()} >= stages
    # a cycle and a stage-to-store import are recognised when they are there
    fake = [
        imports_script.Import(source="ask.answer", target="ask.questions", names=()),
        imports_script.Import(source="ask.questions", target="ask.answer", names=()),
        imports_script.Import(source="cluster", target="compose", names=()),
        imports_script.Import(source="compose", target="cluster", names=()),
        imports_script.Import(source="ask", target="store", names=("Store",)),
    ]
    assert imports_script.module_cycles(fake) == [
        ["ask.answer", "ask.questions"],
        ["cluster", "compose"],
    ]
    assert imports_script.part_cycles(fake) == [["cluster", "compose"]]
    assert len(imports_script.stage_to_store(fake)) == 1


def test_no_stage_imports_the_store() -> None:
    assert imports_script.stage_to_store(_imports()) == []


def test_stages_import_each_other_only_for_public_record_types() -> None:
    staged = imports_script.stage_to_stage(_imports())
    assert len(staged) <= MAX_STAGE_TO_STAGE, staged
    for i in staged:
        module = importlib.import_module(f"newsprism.{i.target}")
        for name in i.names:
            value = getattr(module, name)
            assert not name.startswith("_"), i
            assert dataclasses.is_dataclass(value) and isinstance(value, type), i


def test_the_ground_floor_imports_no_stage() -> None:
    stages = set(imports_script.STAGES)
    backwards = [
        i
        for i in imports_script.between_parts(_imports())
        if i.source_part not in stages | FACES and i.target_part in stages
    ]
    assert backwards == []


def test_no_cycles_between_parts_or_modules() -> None:
    found = _imports()
    assert imports_script.part_cycles(found) == []
    assert imports_script.module_cycles(found) == []


def test_no_module_over_a_thousand_lines() -> None:
    sizes = imports_script.module_sizes(SRC)
    giants = [(name, n) for name, n in sizes if n > MAX_LINES]
    assert giants == []
    assert len(sizes) > 40 and all(isinstance(n, int) for _, n in sizes)


def test_every_stage_and_ground_floor_module_is_a_file_the_script_reads() -> None:
    names = {name for name, _ in imports_script.module_sizes(SRC)}
    for path in SRC.rglob("*.py"):
        assert imports_script.module_name(path, SRC) in names
    assert Path(SRC / "store" / "__init__.py").exists()  # the store is a package by table
