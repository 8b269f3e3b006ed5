"""Kernels for the report: each notebook in a fresh ipykernel from this interpreter, with the report's environment
(charts drawn inline whatever the caller's MPLBACKEND) and working directory, stopped with its process group on an
interrupt; a failure names the notebook and its cell."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import NotebookFailed

if TYPE_CHECKING:  # pragma: no cover
    import nbformat


#: Seconds a single cell may run before the report gives up on it.
CELL_TIMEOUT = 600

#: Tag papermill puts on the cell holding the injected parameters.
_INJECTED = "injected-parameters"

_ERROR_MARKER = "papermill-error-cell-tag"

#: matplotlib backend of every report kernel, whatever the caller's MPLBACKEND says: a shell or CI job with
#: ``MPLBACKEND=Agg`` would otherwise keep the notebooks' charts out of their outputs, and so out of the pages.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def _kernel_manager_class() -> type:
    """An AsyncKernelManager that starts ipykernel from this interpreter with the report's environment."""
    import zmq
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    from traitlets import Any, Dict, Unicode, default

    class ReportKernelManager(AsyncKernelManager):
        kernel_env = Dict(config=True, help="Variables added to the kernel's environment.")
        kernel_log = Unicode("", config=True, help="File receiving the kernel process's own stderr.")
        kernel_cwd = Unicode("", config=True, help="Working directory of the kernel process.")
        kernel_registry = Any(None, config=True, help="A _Kernels that receives each started manager.")

        @default("kernel_spec_manager")
        def _here_only(self) -> KernelSpecManager:
            # no kernel directories: "python3" resolves to ipykernel's spec for sys.executable
            return KernelSpecManager(parent=self, kernel_dirs=[])

        @default("shutdown_wait_time")
        def _shorter_shutdown(self) -> float:
            # jupyter_client sends SIGTERM after half of this. ipykernel's control thread now and then hangs in a
            # stdout flush while the kernel closes, until that flush times out (10 s); a finished kernel that has
            # not exited 1 s after the shutdown request is in that state (a normal exit, heavy imports included,
            # takes 0.3-0.6 s here) and is terminated then instead of after 2.5 s
            return 2.0

        @default("transport_encryption")
        def _curve_when_available(self) -> str:
            # CurveZMQ keys for the local TCP channels when libzmq has them (ipykernel warns otherwise)
            return "auto" if zmq.has("curve") else "disabled"

        async def start_kernel(self, **kw):  # type: ignore[override]
            kw["env"] = {**os.environ, **kw.get("env", {}), "MPLBACKEND": INLINE_BACKEND, **self.kernel_env}
            if self.kernel_cwd:  # per kernel, not os.chdir: notebooks run side by side in threads
                kw["cwd"] = self.kernel_cwd
            if self.kernel_log:
                with open(self.kernel_log, "ab") as log:  # the child keeps its own copy of the descriptor
                    await super().start_kernel(stderr=log, **kw)
            else:
                await super().start_kernel(**kw)
            if self.kernel_registry is not None:
                self.kernel_registry.add(self)  # stops it at once if the report is being stopped

    return ReportKernelManager


def _cell_number(nb: nbformat.NotebookNode, index: int) -> int:
    """1-based number in the source notebook of cell ``index`` of the parameterized notebook papermill ran.

    The executed file also holds papermill's error-marker cells; the parameters it injected are not in the source.
    """
    cells = [c for c in nb.cells if _ERROR_MARKER not in c.get("metadata", {}).get("tags", [])]
    injected = sum(1 for c in cells[:index] if _INJECTED in c.get("metadata", {}).get("tags", []))
    return index + 1 - injected


def _first_line(source: str) -> str:
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    return lines[0] if lines else "(empty cell)"


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _interrupted_cell(executed: Path) -> tuple[int, str]:
    """The last cell papermill started in a run that stopped without a cell error (dead kernel, timeout)."""
    import nbformat

    if not executed.exists():
        return 0, "as its kernel started"
    nb = nbformat.read(executed, as_version=4)
    started = [i for i, c in enumerate(nb.cells) if c.get("metadata", {}).get("papermill", {}).get("start_time")]
    if not started:
        return 0, "as its kernel started"
    return _cell_number(nb, started[-1]), _first_line(nb.cells[started[-1]].source)


def execute_notebook(
    notebook: Path,
    executed: Path,
    parameters: dict,
    *,
    env: dict[str, str],
    kernel_log: Path | None = None,
    kernels: _Kernels | None = None,
) -> nbformat.NotebookNode:
    """Run one notebook with papermill in its own folder; raise ``NotebookFailed`` naming the failing cell.

    ``kernels``, when given (a ``_Kernels``), receives the kernel's manager once it has started, so a caller can
    stop it."""
    import papermill
    from nbclient.exceptions import CellControlSignal
    from papermill.exceptions import PapermillExecutionError
    from traitlets.config import Config

    manager = _kernel_manager_class()
    config = Config(
        {
            manager.__name__: {
                "kernel_env": env,
                "kernel_log": str(kernel_log or ""),
                "kernel_cwd": str(notebook.parent),
                "kernel_registry": kernels,
            }
        }
    )
    try:
        return papermill.execute_notebook(
            str(notebook),
            str(executed),
            parameters=parameters,
            kernel_name="python3",
            language="python",
            progress_bar=False,
            execution_timeout=CELL_TIMEOUT,
            kernel_manager_class=manager,
            config=config,
        )
    except PapermillExecutionError as exc:
        import nbformat

        nb = nbformat.read(executed, as_version=4) if executed.exists() else None
        cell = _cell_number(nb, exc.cell_index) if nb is not None else exc.cell_index + 1
        error = _one_line(f"{exc.ename}: {exc.evalue}" if exc.evalue else exc.ename)
        raise NotebookFailed(notebook.name, cell, _first_line(exc.source), error, executed) from None
    except (RuntimeError, TimeoutError, CellControlSignal) as exc:  # dead kernel, cell timeout, no kernel
        cell, source = _interrupted_cell(executed)
        raise NotebookFailed(notebook.name, cell, source, _one_line(f"{type(exc).__name__}: {exc}"), executed) from None


class _Kernels:
    """The managers of the kernels a report started, and whether the report is stopping.

    Shared by the worker threads (traitlets copies configuration values; this object survives the copy). A kernel
    that finishes launching after :meth:`stop` is killed as it registers, so none outlives an interrupted report.
    """

    def __init__(self) -> None:
        import threading

        self._lock = threading.Lock()
        self._managers: list = []
        self.stopping = threading.Event()

    def __copy__(self) -> _Kernels:
        return self

    def __deepcopy__(self, memo: dict) -> _Kernels:
        return self

    def add(self, manager: object) -> None:
        with self._lock:
            self._managers.append(manager)
            if self.stopping.is_set():
                _kill(manager)

    def stop(self) -> None:
        """Kill every kernel still running, and any that registers from now on."""
        with self._lock:
            self.stopping.set()
            for manager in self._managers:
                _kill(manager)


def _kill(manager: object) -> None:
    """Kill a kernel's process group (a kernel may have started worker processes), else its process."""
    import signal

    provisioner = getattr(manager, "provisioner", None)
    process = getattr(provisioner, "process", None)
    if process is None or process.poll() is not None:
        return
    pgid = getattr(provisioner, "pgid", None)
    try:
        if pgid and hasattr(os, "killpg"):
            os.killpg(pgid, signal.SIGKILL)
        else:
            process.kill()
    except ProcessLookupError:
        pass
