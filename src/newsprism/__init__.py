"""newsprism: one story, many outlets — cross-source news analysis with span provenance."""

__version__ = "0.1.0"
