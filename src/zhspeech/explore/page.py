"""The explorer as a self-contained piece of HTML: it shows in JupyterLab and in the exported report, offline.

The page carries everything: the Vega, Vega-Lite and vega-embed JavaScript (the bundle ``vl-convert-python`` ships,
the one ``altair``'s offline HTML uses) inlined in a ``<script>`` — no ``src`` and no CDN — and the specification
with its data. The data is text from the speech, so it never appears as text inside a script: the specification
is sent as base64 of its UTF-8 JSON and decoded in the browser, so a speech holding ``</script>`` or markup cannot
end the script or be read as code. The explorer is drawn as SVG (text stays selectable). When it is ready, its
outer element gets ``data-ready`` (milliseconds since the page started loading) and its view is kept in
``window.zhspeechExplorers[id]``; an error is written into the element and to the console.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech
    from .data import ExplorerData

#: Stands for the selector of the explorer's control element in a specification, until the element has its id.
CONTROLS = "#zhs-controls"
#: Signals after whose change the layout is computed again (the term chosen, the KWIC order): views sized by their
#: rows (KWIC lines, collocates) grow and shrink with the term.
RESIZE_ON = ("pick_term", "order")

_STYLE = """<style>
#{uid} {{ font-family: {font}; margin: .5rem 0 1rem; }}
#{uid} .zhs-controls {{ display: flex; flex-wrap: wrap; gap: .4rem 1.6rem; align-items: center; margin-bottom: .6rem;
  font-size: 13px; }}
#{uid} .zhs-controls input[type=search] {{ font: inherit; font-size: 14px; padding: .15rem .4rem; width: 14rem; }}
#{uid} .zhs-controls .vega-bind-name {{ margin-right: .3rem; font-weight: 600; }}
#{uid} .zhs-controls .vega-bind-radio label {{ margin-right: .6rem; }}
#{uid} .zhs-status {{ color: #555; font-size: 12px; margin: .2rem 0 0; }}
</style>"""

_EMBED = """(function () {{
  var root = document.getElementById("{uid}");
  var raw = atob("{spec}");
  var bytes = new Uint8Array(raw.length);
  for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  var spec = JSON.parse(new TextDecoder("utf-8").decode(bytes));
  var status = root.querySelector(".zhs-status");
  vegaEmbed(root.querySelector(".zhs-view"), spec, {{actions: false, renderer: "svg"}}).then(function (result) {{
    var view = result.view;
    window.zhspeechExplorers = window.zhspeechExplorers || {{}};
    window.zhspeechExplorers["{uid}"] = view;
    {resize}.forEach(function (name) {{  // Vega lays out again one update late: ask for it when a control moves
      try {{ view.addSignalListener(name, function () {{ view.resize().runAsync(); }}); }} catch (e) {{}}
    }});
    status.textContent = {hint};
    root.setAttribute("data-ready", String(Math.round(performance.now())));
  }}).catch(function (error) {{
    status.textContent = "The explorer could not be drawn: " + error;
    console.error(error);
  }});
}})();"""


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script defining ``window.vegaEmbed`` (from ``vl-convert-python``, for
    the Vega-Lite version Altair writes), wrapped so it runs once per page and leaves no other global."""
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    code = vl_convert.javascript_bundle(vl_version=vl_version_for_vl_convert())
    if "</script" in code.lower():  # cannot happen with the bundle as shipped; never emit a broken page
        raise RuntimeError("the Vega bundle holds '</script'; it cannot be inlined")
    return "if (!window.vegaEmbed) { (function () {\n" + code + "\n})(); }"


def explorer_html(spec: dict[str, Any], *, hint: str = "", bundle: bool = True) -> str:
    """The HTML of one explorer: controls, view, status line and the scripts that draw it (``bundle``: with the
    Vega JavaScript inlined; leave it out only when the page already has it). The element's id is derived from
    the specification, so the same data gives the same HTML."""
    from .charts import FONT

    text = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    uid = "zhs-explorer-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    text = text.replace(json.dumps(CONTROLS), json.dumps(f"#{uid}-controls"))  # where the controls go
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    note = hint or "Click a bar or type a term; the views below follow."
    parts = [
        _STYLE.format(uid=uid, font=FONT),
        f'<div class="zhs-explorer" id="{uid}">',
        f'<div class="zhs-controls" id="{uid}-controls"></div>',
        '<div class="zhs-view"></div>',
        f'<p class="zhs-status">Loading the explorer… (it needs JavaScript; {html.escape(note)})</p>',
        "</div>",
    ]
    if bundle:
        parts.append(f"<script>{vega_bundle()}</script>")
    resize = json.dumps(list(RESIZE_ON))
    parts.append("<script>" + _EMBED.format(uid=uid, spec=encoded, hint=json.dumps(note), resize=resize) + "</script>")
    return "\n".join(parts)


class Explorer:
    """A term explorer ready to show: ``display(explorer)`` in a notebook, ``explorer.save(path)`` for a page.

    ``data`` holds the tables it shows (:class:`~zhspeech.explore.data.ExplorerData`), ``spec`` the Vega-Lite
    specification (``altair.Chart.from_dict(explorer.spec)`` reads it back)."""

    def __init__(self, data: ExplorerData, spec: dict[str, Any], hint: str = "") -> None:
        self.data, self.spec, self.hint = data, spec, hint

    def to_html(self, *, bundle: bool = True) -> str:
        """The explorer as an HTML fragment (see :func:`explorer_html`)."""
        return explorer_html(self.spec, hint=self.hint, bundle=bundle)

    def _repr_html_(self) -> str:
        return self.to_html()

    def save(self, path: str | Path) -> Path:
        """Write the explorer as a standalone HTML page (UTF-8, works offline); returns the path."""
        title = html.escape(self.data.title or "Term explorer")
        page = (
            f'<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n<title>{title} — term explorer</title>'
            f"\n</head>\n<body>\n<h1>{title}</h1>\n{self.to_html()}\n</body>\n</html>\n"
        )
        path = Path(path)
        path.write_text(page, encoding="utf-8")
        return path


def term_explorer(speech: Speech, **options: Any) -> Explorer:
    """The term explorer of ``speech`` (options as :func:`~zhspeech.explore.data.explorer_data`: ``top``,
    ``lines``, ``collocates``, ``width``, ``window``, ``terms``). Display it in a notebook or ``save`` it."""
    from .charts import explorer_spec
    from .data import explorer_data

    data = explorer_data(speech, **options)
    return Explorer(data, explorer_spec(data, CONTROLS))
