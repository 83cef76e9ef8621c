"""The package users install: a wheel built from this tree, installed outside it, works.

``setup.sh`` installs in editable mode, which reads the source tree and so hides a wheel that
lacks a subpackage (it once lacked ``rag/llm`` and ``rag/evaluate``). Here the wheel is built,
its contents checked against the tree, and installed into a venv that can see the dependencies
(the test venv's site-packages, by a path entry) but not the source tree, then used through
its ``newsdesk`` command from another directory.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, SAMPLE_QUESTION, free_port

PACKAGES = ("rag", "ingest", "ui")
NEWS_DEV = REPO / "data" / "eval" / "news-dev"


def source_packages() -> set[str]:
    return {
        str(init.parent.relative_to(REPO))
        for top in PACKAGES
        for init in (REPO / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # A copy of the tree without build leftovers, so the wheel is what a clean clone builds.
    src = out / "src"
    shutil.copytree(
        REPO, src,
        ignore=shutil.ignore_patterns(".venv", ".git", ".newsdesk", "build", "*.egg-info",
                                      "__pycache__", "test-output", "node_modules", "bench"),
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(src)],
        check=True, capture_output=True, text=True, timeout=300,
    )
    (path,) = out.glob("newsdesk-*.whl")
    return path


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding only the wheel; dependencies come from the test venv by a path entry."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(
        subprocess.check_output(
            [str(venv / "bin" / "python"), "-c",
             "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    # A plain path line: the test venv's own .pth files (the editable install's finder, which
    # maps rag/ingest/ui to this source tree) are not processed through it.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
         "--no-deps", str(wheel)],
        check=True, capture_output=True, text=True, timeout=300,
    )
    return venv


def test_the_wheel_holds_every_package_of_the_tree(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    in_wheel = {n.rsplit("/", 1)[0] for n in names if n.endswith("/__init__.py")}
    assert source_packages() <= in_wheel, sorted(source_packages() - in_wheel)
    assert not [n for n in names if n.startswith(("tests/", "bench/"))]
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "newsdesk = ui.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()


def test_the_installed_command_ingests_answers_and_serves(installed: Path, tmp_path: Path) -> None:
    work = tmp_path / "elsewhere"
    (work / "corpus").mkdir(parents=True)
    shutil.copy(SAMPLE, work / "corpus" / SAMPLE.name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HF_HUB_OFFLINE="1", NEWSDESK_DATA_DIR=str(work / "data"))
    exe = str(installed / "bin" / "newsdesk")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, *args], cwd=work, env=env, capture_output=True, text=True,
                              timeout=300)

    py = str(installed / "bin" / "python")
    where = subprocess.check_output(
        [py, "-c", "import rag, ingest, ui.cli; print(rag.__file__)"], cwd=work, env=env, text=True
    )
    assert str(installed) in where and str(REPO) not in where
    assert run("--help").returncode == 0
    r = run("ingest", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["added"] == 1
    r = run("ask", SAMPLE_QUESTION, "--json")
    assert r.returncode == 0, r.stderr
    assert "illegitimate desire" in json.loads(r.stdout)["citations"][0]["passage"]
    # The evaluation data stays in the source tree: an installed eval says so and what to do.
    r = run("eval", "news", "--no-baselines")
    assert r.returncode == 1 and "from a git clone, or pass --data DIR" in r.stderr, r.stderr
    r = run("eval", "news", "--limit", "1", "--no-baselines", "--data", str(NEWS_DEV))
    assert r.returncode == 0 and "hit@1" in r.stdout, r.stderr
    port = free_port()
    server = subprocess.Popen([exe, "serve", "--port", str(port)], cwd=work, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as page:
                    assert page.status == 200 and b"Newsdesk" in page.read()
                break
            except OSError:
                assert time.monotonic() < deadline, "newsdesk serve did not answer in 120 s"
                time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(20)


@pytest.mark.slow
def test_a_fresh_venv_installs_the_wheel_with_its_dependencies(wheel: Path, tmp_path: Path) -> None:
    """What a user does: a new venv, torch's CPU build first (as setup.sh does), then the wheel
    with every dependency resolved by pip. Minutes, so under ``-m slow``."""
    venv = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, "torch==2.13.0"], check=True, timeout=1800)
    subprocess.run([*pip, str(wheel)], check=True, timeout=1800)
    work = tmp_path / "work"
    (work / "corpus").mkdir(parents=True)
    shutil.copy(SAMPLE, work / "corpus" / SAMPLE.name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HF_HUB_OFFLINE="1", NEWSDESK_DATA_DIR=str(work / "data"))
    exe = str(venv / "bin" / "newsdesk")
    r = subprocess.run([exe, "ingest"], cwd=work, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([exe, "ask", SAMPLE_QUESTION, "--json"], cwd=work, env=env,
                       capture_output=True, text=True)
    assert "illegitimate desire" in json.loads(r.stdout)["citations"][0]["passage"], r.stderr
