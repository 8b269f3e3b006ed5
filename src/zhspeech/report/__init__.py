"""Notebooks → HTML report: every notebook executed on one speech, rendered offline, with an index page."""

from ..errors import NotebookFailed
from .build import build_report, default_jobs, notebook_paths
from .html import NotebookPage, describe_speech, describe_year, package_versions, render_html, shown_parameters

__all__ = [
    "NotebookFailed",
    "NotebookPage",
    "build_report",
    "default_jobs",
    "describe_speech",
    "describe_year",
    "notebook_paths",
    "package_versions",
    "render_html",
    "shown_parameters",
]
