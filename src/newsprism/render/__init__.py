"""The render stage: a report as JSON (the public contract), Markdown and standalone HTML."""

from newsprism.render.contract import SCHEMA, report_dict, schema
from newsprism.render.markdown import render_markdown
from newsprism.render.page import render_html

__all__ = ["SCHEMA", "render_html", "render_markdown", "report_dict", "schema"]
