"""The web app (`newsprism serve`): the stored stories in a browser — the story list, each
story's page (the same rendering as `report.html`), articles with their cited passages,
questions across everything stored, and adding sources with live progress.

Needs the `web` extra (`pip install "newsprism[web]"`: FastAPI, Jinja2, uvicorn,
python-multipart); `newsprism.web.app.create_app` builds the app.
"""
