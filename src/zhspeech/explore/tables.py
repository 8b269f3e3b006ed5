"""Big tables made searchable and sortable in the notebook and in the exported page, offline (itables).

``show(table)`` is the one call a notebook makes: a table of more than ``plain_up_to`` rows becomes an interactive
DataTables table; a smaller one is returned unchanged and shows as the usual plain table. The first interactive
table of a kernel also puts itables' JavaScript and CSS into the page (``itables.init_notebook_mode(connected=False)``:
inlined, nothing fetched), so a page that shows one keeps working offline.

Cells are text, never markup (itables escapes them). The rows are not left as text inside a script either: itables
writes a table's data into the script that draws it, and ``show`` sends that part as base64 of its UTF-8 JSON,
decoded in the browser — so a speech holding ``</script>`` or ``<img onerror=…>`` is shown, never run. Should the
itables output ever change shape so that this cannot be done, the table is shown plain instead.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import pandas as pd

from .._checks import check_positive

#: Rows above which ``show`` makes a table interactive.
PLAIN_UP_TO = 20
#: Largest table data kept whole in a page (itables shows a sample of a bigger table and says so).
MAX_BYTES = 1_000_000

_ARGS = re.compile(r"let dt_args = (\{.*?\});(\s*new ITable\(table, dt_args\);)", re.S)
_DECODE = (
    'JSON.parse(new TextDecoder("utf-8").decode(Uint8Array.from(atob("{data}"), function (c) {{ '
    "return c.charCodeAt(0); }})))"
)
_state = {"ready": False}


class SearchableTable:
    """A table shown through itables, offline; ``table`` is the DataFrame it shows."""

    def __init__(self, table: pd.DataFrame, options: dict[str, Any]) -> None:
        self.table, self.options = table, options

    def _repr_html_(self) -> str:
        return searchable_html(self.table, **self.options)


def searchable_html(table: pd.DataFrame, **options: Any) -> str:
    """The HTML itables writes for ``table`` (offline mode), its data base64-encoded out of the script's text;
    the table as plain HTML (escaped) when itables' output does not have the expected shape."""
    import itables

    options = {"connected": False, "maxBytes": MAX_BYTES, "classes": "display compact", **options}
    page = itables.to_html_datatable(table, **options)
    found = _ARGS.search(page)
    try:
        data = json.loads(found[1]) if found else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return table.to_html(escape=True, max_rows=200)
    text = json.dumps(data, ensure_ascii=False).encode("utf-8")
    decoded = _DECODE.format(data=base64.b64encode(text).decode("ascii"))
    return page[: found.start()] + f"let dt_args = {decoded};" + found[2] + page[found.end() :]


def init() -> None:
    """Put itables' JavaScript and CSS into the notebook's output (once per kernel; ``show`` calls it)."""
    import itables

    itables.init_notebook_mode(all_interactive=False, connected=False)
    _state["ready"] = True


def show(table: Any, *, plain_up_to: int = PLAIN_UP_TO, page: int = 10, **options: Any) -> Any:
    """``table`` searchable and sortable when it has more than ``plain_up_to`` rows, else unchanged.

    ``page``: rows per page; other options go to itables (``caption``, ``columnDefs``, ``order``…). Use it as a
    cell's last line: ``zhspeech.explore.show(freq)``. Anything that is not a DataFrame is returned unchanged."""
    check_positive("plain_up_to", plain_up_to, minimum=0)
    check_positive("page", page)
    if not isinstance(table, pd.DataFrame) or len(table) <= plain_up_to:
        return table
    if not _state["ready"]:
        init()
    lengths = sorted({page, 25, 50, 100})
    return SearchableTable(table, {"pageLength": page, "lengthMenu": lengths, **options})
