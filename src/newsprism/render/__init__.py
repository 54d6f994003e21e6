"""The render stage: a report as JSON (the public contract), Markdown and standalone HTML."""

from newsprism.render.contract import SCHEMA, from_json, schema, to_json
from newsprism.render.markdown import render_markdown
from newsprism.render.page import render_html

__all__ = ["SCHEMA", "from_json", "render_html", "render_markdown", "schema", "to_json"]
