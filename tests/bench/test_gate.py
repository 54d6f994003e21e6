"""The quality gate's own logic (bench/gate.py), without running any benchmark: the comparison
of figures with floors, reading a figure out of a benchmark's JSON, floors.json's shape, and
the refusal to pass without the data folder."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from support import load_bench

gate = load_bench("gate")


def floors(**values: tuple[float, float]) -> dict[str, object]:
    return {
        name: gate.Floor(floor=floor, noise=noise, note="test")
        for name, (floor, noise) in values.items()
    }


def by_name(verdicts: tuple[object, ...]) -> dict[str, object]:
    return {v.figure: v for v in verdicts}


def test_a_figure_at_or_above_its_floor_passes() -> None:
    got = by_name(gate.compare({"a": 0.80, "b": 0.9}, floors(a=(0.80, 0.0), b=(0.85, 0.01))))
    assert got["a"].ok and got["a"].why == "" and got["a"].raise_to is None
    assert got["b"].ok


def test_a_figure_below_its_floor_fails_and_says_by_how_much() -> None:
    (v,) = gate.compare({"timex.value_f1": 80.8}, floors(**{"timex.value_f1": (80.9, 0.0)}))
    assert not v.ok
    assert v.value == 80.8 and v.floor == 80.9
    assert v.why.startswith("below its floor by 0.1")


def test_float_noise_from_json_does_not_fail_an_equal_figure() -> None:
    (v,) = gate.compare({"f": 0.1 + 0.2}, floors(f=(0.3, 0.0)))
    assert v.ok


def test_a_missing_figure_fails_with_the_runs_reason() -> None:
    why = "stance exited 1: Traceback (log: x)"
    (v,) = gate.compare({"stance.fnc_score": why}, floors(**{"stance.fnc_score": (80.0, 0.5)}))
    assert not v.ok and v.value is None and v.why == why


def test_a_floor_no_run_measures_fails() -> None:
    (v,) = gate.compare({}, floors(stale=(1.0, 0.0)))
    assert not v.ok and "not measured" in v.why


def test_a_figure_without_a_floor_fails() -> None:
    (v,) = gate.compare({"new.figure": 0.5}, {})
    assert not v.ok and v.floor is None and "no floor" in v.why


@pytest.mark.parametrize("bad", [math.nan, math.inf, True, None])
def test_a_value_that_is_not_a_finite_number_fails(bad: object) -> None:
    (v,) = gate.compare({"f": bad}, floors(f=(0.0, 0.0)))
    assert not v.ok


def test_an_improvement_beyond_the_noise_asks_for_a_higher_floor() -> None:
    got = by_name(
        gate.compare(
            {"exact": 88.0, "noisy": 0.62, "within": 0.598},
            floors(exact=(87.7, 0.0), noisy=(0.59, 0.01), within=(0.59, 0.01)),
        )
    )
    assert got["exact"].ok and got["exact"].raise_to == pytest.approx(88.0)
    assert got["noisy"].ok and got["noisy"].raise_to == pytest.approx(0.61)
    assert got["within"].raise_to is None


def test_verdicts_are_sorted_and_cover_both_sides() -> None:
    verdicts = gate.compare({"b": 1.0, "c": 1.0}, floors(a=(0.0, 0.0), b=(0.0, 0.0)))
    assert [v.figure for v in verdicts] == ["a", "b", "c"]
    assert [v.ok for v in verdicts] == [False, True, False]


def test_pick_reads_a_nested_number_and_names_where_a_path_ends() -> None:
    data = {"systems": {"newsprism": {"f1": 0.58, "note": "x"}}, "flag": True}
    assert gate.pick(data, ("systems", "newsprism", "f1")) == 0.58
    assert gate.pick(data, ("systems", "textacy", "f1")) == (
        "no systems.textacy in the benchmark's JSON"
    )
    assert "not a number" in gate.pick(data, ("systems", "newsprism", "note"))
    assert "not a number" in gate.pick(data, ("flag",))


def test_floors_json_has_a_floor_and_note_for_exactly_the_gates_figures() -> None:
    stored = gate.read_floors(gate.FLOORS)
    measured = {name for run in gate.RUNS for name in run.figures}
    assert set(stored) == measured
    for name, floor in stored.items():
        assert floor.noise >= 0, name
        assert len(floor.note) > 20, f"{name}: say what it measures and on which sample"


def test_every_run_names_a_bench_script_that_exists() -> None:
    for run in gate.RUNS:
        assert (gate.BENCH / run.script).is_file(), run.script


def test_a_malformed_floor_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"x.f1": {"floor": "high", "noise": 0, "note": "n"}}))
    with pytest.raises(SystemExit, match="'x.f1'"):
        gate.read_floors(path)


def test_without_the_data_folder_the_gate_fails_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = gate.main(["--eval", str(tmp_path / "nowhere")])
    out, err = capsys.readouterr()
    assert code == gate.EXIT_NO_DATA
    assert "QUALITY GATE FAILED" in err and "nowhere" in err
    assert json.loads(out.strip().splitlines()[-1])["gate"] == "fail"
