"""JupyterLab as an analyst uses it: a headless Jupyter server on localhost runs explore.ipynb on `ketnap`.

The test starts the server the way `make lab` does (notebooks/ as the root, `ketnap` as the default
kernel), opens a session for the notebook through the REST API, executes every code cell over the
kernel's websocket, and checks each reply is "ok"; then it stops the server.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _makefile_lab_flags() -> list[str]:
    """The server flags of the Makefile's `lab` target, so the test starts what users start."""
    recipe = re.search(r"^lab:.*\n\t(.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert recipe, "the Makefile has no `lab` target"
    return [flag for flag in recipe.group(1).split() if flag.startswith("--")]


@pytest.fixture
def server(tmp_path: Path):
    port, token = _free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server", *_makefile_lab_flags(), "--no-browser", f"--port={port}",
         "--ip=127.0.0.1", f"--IdentityProvider.token={token}", "--ServerApp.open_browser=False",
         "--ServerApp.allow_root=True"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                _api(base, token, "GET", "/api/status")
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("the Jupyter server did not start")
        yield base, token
    finally:
        process.terminate()
        process.wait(timeout=30)


def _api(base: str, token: str, method: str, path: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        base + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
    return json.loads(text) if text else {}


def test_explore_runs_in_a_jupyter_session_on_the_ketnap_kernel(server) -> None:
    import websocket

    base, token = server
    assert _api(base, token, "GET", "/api/kernelspecs")["default"] == "ketnap"
    body = {"path": "explore.ipynb", "type": "notebook", "kernel": {"name": "ketnap"}}
    session = _api(base, token, "POST", "/api/sessions", body)
    kernel = session["kernel"]
    assert kernel["name"] == "ketnap"
    ws = websocket.create_connection(
        f"{base.replace('http', 'ws')}/api/kernels/{kernel['id']}/channels?token={token}", timeout=120
    )
    notebook = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert cells
    try:
        for index, cell in enumerate(cells):
            msg_id = uuid.uuid4().hex
            ws.send(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test", "session": "t",
                           "version": "5.3", "date": ""},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": cell.source, "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
            }))  # fmt: skip
            while True:
                message = json.loads(ws.recv())
                if message.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if message["msg_type"] == "error":
                    pytest.fail(f"cell {index} raised {message['content']['ename']}: {message['content']['evalue']}")
                if message["msg_type"] == "execute_reply":
                    assert message["content"]["status"] == "ok", f"cell {index}: {message['content']}"
                    break
    finally:
        ws.close()
        _api(base, token, "DELETE", f"/api/sessions/{session['id']}")
