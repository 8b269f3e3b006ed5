"""JupyterLab as ``make lab`` starts it: serves the notebooks, runs a cell in a kernel, shuts down cleanly.

A real ``jupyter lab --no-browser`` process on 127.0.0.1 (a free port, a random token, root dir ``notebooks/``,
configuration and runtime files in a temporary folder). Every wait is bounded.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest

import zhspeech
from zhspeech import config

pytestmark = pytest.mark.slow

START_TIMEOUT = 90  # seconds for the server to answer
CELL_TIMEOUT = 60  # seconds for the kernel to start and run the cell


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, process: subprocess.Popen, port: int, token: str) -> None:
        self.process, self.port, self.token = process, port, token
        self.base = f"http://127.0.0.1:{port}"

    def request(self, method: str, path: str, body: dict | None = None, timeout: float = 30) -> tuple[int, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def json(self, method: str, path: str, body: dict | None = None):
        status, data = self.request(method, path, body)
        assert 200 <= status < 300, (method, path, status, data[:300])
        return json.loads(data) if data else None


def _wait_until_up(server: Server, log) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            log.seek(0)
            pytest.fail(f"jupyter lab exited with {server.process.returncode}: {log.read()[-2000:]}")
        try:
            if server.request("GET", "/api/status", timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"jupyter lab did not answer within {START_TIMEOUT} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("jupyter")
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={config.NOTEBOOKS_DIR}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI often run as root
        command.append("--allow-root")
    with open(home / "server.log", "w+") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=home)
        srv = Server(process, port, token)
        try:
            _wait_until_up(srv, log)
            yield srv
        finally:
            if process.poll() is None:
                try:
                    srv.request("POST", "/api/shutdown", timeout=10)
                except OSError:
                    pass
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


def test_lab_serves_the_notebooks(server):
    status, page = server.request("GET", "/lab/tree/00_overview.ipynb")
    assert status == 200 and b"jupyter-config-data" in page


def test_contents_api_lists_every_notebook(server):
    listing = server.json("GET", "/api/contents")
    names = sorted(item["name"] for item in listing["content"] if item["type"] == "notebook")
    assert names == sorted(p.name for p in config.NOTEBOOKS_DIR.glob("*.ipynb"))
    one = server.json("GET", "/api/contents/00_overview.ipynb")
    assert one["content"]["cells"][0]["source"].startswith("# ")


def _execute(server: Server, kernel_id: str, code: str) -> tuple[str, str]:
    """Run code over the kernel's websocket; return (stdout text, execute_reply status)."""
    import websocket

    ws = websocket.create_connection(
        f"ws://127.0.0.1:{server.port}/api/kernels/{kernel_id}/channels",
        header=[f"Authorization: token {server.token}"],
        timeout=CELL_TIMEOUT,
    )
    try:
        msg_id = uuid.uuid4().hex
        ws.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "username": "test",
                        "session": uuid.uuid4().hex,
                        "msg_type": "execute_request",
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "channel": "shell",
                    "buffers": [],
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": False,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                }
            )
        )
        stdout, reply, idle = [], None, False
        deadline = time.monotonic() + CELL_TIMEOUT
        while (reply is None or not idle) and time.monotonic() < deadline:
            msg = json.loads(ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "stream" and msg["content"]["name"] == "stdout":
                stdout.append(msg["content"]["text"])
            elif kind == "error":
                stdout.append("\n".join(msg["content"]["traceback"]))
            elif kind == "execute_reply":
                reply = msg["content"]["status"]
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
        return "".join(stdout), reply or "no reply"
    finally:
        ws.close()


def test_kernel_runs_a_cell_and_shuts_down(server):
    kernel = server.json("POST", "/api/kernels", {"name": "python3", "path": ""})
    try:
        out, status = _execute(server, kernel["id"], "import zhspeech; print(zhspeech.__version__)")
        assert status == "ok", out
        assert out.strip() == zhspeech.__version__
    finally:
        status, _ = server.request("DELETE", f"/api/kernels/{kernel['id']}")
    assert status == 204
    assert kernel["id"] not in [k["id"] for k in server.json("GET", "/api/kernels")]
