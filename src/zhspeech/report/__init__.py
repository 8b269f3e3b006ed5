"""Notebooks → HTML report: every notebook executed on one speech, rendered offline, with an index page."""

from ..errors import NotebookFailed
from .build import build_report, default_jobs, notebook_paths, resolve_year
from .html import NotebookPage, describe_speech, package_versions, render_html

__all__ = [
    "NotebookFailed",
    "NotebookPage",
    "build_report",
    "default_jobs",
    "describe_speech",
    "notebook_paths",
    "package_versions",
    "render_html",
    "resolve_year",
]
