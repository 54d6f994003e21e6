"""Outlet labels: a file stem never shows in prose; a real outlet name is its own label."""

from __future__ import annotations

from newsprism.outlet_labels import is_unnamed, outlet_labels


def test_file_stems_become_source_letters_in_file_order_and_names_stay() -> None:
    labels = outlet_labels(
        [
            ("x2", "002_52adce46355c3d84"),
            ("x0", "000_1eeabdf042330fb3"),
            ("h", "Harbour Herald"),
            ("x1", "001_6c89766725f97774"),
            ("x1b", "001_6c89766725f97774"),  # a second article of the same file-named outlet
        ]
    )
    assert labels == {
        "x0": "Source A",
        "x1": "Source B",
        "x1b": "Source B",
        "x2": "Source C",
        "h": "Harbour Herald",
    }
    assert is_unnamed("004_5564ba0d54155330") and not is_unnamed("outlet 1")
    assert not is_unnamed("Reuters")


def test_past_twenty_six_the_letters_go_on_as_columns_do() -> None:
    labels = outlet_labels((f"a{k}", f"{k:03d}_file") for k in range(28))
    assert labels["a25"] == "Source Z" and labels["a26"] == "Source AA"
