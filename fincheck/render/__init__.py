"""Renderers: the checks of a Report as terminal text, HTML, CSV/JSON, Excel and marked copies."""
