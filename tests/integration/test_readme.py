"""The README is run, not just read: its Python blocks, its shell commands, its CLI list and its
tables, against temporary stores, so it cannot drift from the code.

Addresses the README uses as examples are swapped for live ones started here (``PLACEHOLDERS``):
a Chroma server, a feed on a local web server, the chat on a free port. Everything else runs as
written. ``scripts/test.sh`` is the one command not run: it is the command running this suite.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, SAMPLE_QUESTION, free_port, start_chroma
from newsweb import NewsWeb, rss

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)
BIN = Path(sys.executable).parent
FEED_TEXT = (
    "The harbour authority of Velmar said on Monday that the new ferry terminal will open in "
    "March, two months later than planned, because of winter storms."
)


def blocks(lang: str) -> list[str]:
    return [body for kind, body in BLOCK.findall(README) if kind == lang]


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else len(README)]


# What third-party libraries print unasked: transformers' weight-loading bar, a config
# warning, any tqdm bar.
NOISE = ("Loading weights", "loss_type", "it/s]")


class Live:
    """The temporary world the README's examples run in."""

    def __init__(self, root: Path, chroma: str, web: NewsWeb) -> None:
        self.root = root
        self.chroma = chroma
        self.web = web
        self.port = free_port()
        (root / "corpus").mkdir(parents=True)
        shutil.copy(SAMPLE, root / "corpus" / SAMPLE.name)
        self.env = {
            # No test-run setting may hide what a user sees (transformers' progress bars).
            **{k: v for k, v in os.environ.items()
               if not k.startswith(("NEWSDESK_", "TRANSFORMERS_", "HF_HUB_DISABLE"))},
            "HF_HUB_OFFLINE": "1",
            "PYTHONPATH": str(REPO),
            "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
            "NEWSDESK_DATA_DIR": str(root / "data"),
            "NEWSDESK_CORPUS_DIR": str(root / "corpus"),
            "NEWSDESK_PORT": str(self.port),
            "NEWSDESK_FETCH_ALLOW_PRIVATE": "true",  # the feed is on 127.0.0.1
            "NEWSDESK_FETCH_HOST_INTERVAL_S": "0",
        }
        self.placeholders = {
            "http://127.0.0.1:7860/": f"http://127.0.0.1:{self.port}/",
            "/srv/newsdesk": str(root / "srv"),
            "10.0.0.5:8000": chroma,
            "https://example.com/rss.xml": web.url("/rss.xml"),
        }

    def fill(self, text: str) -> str:
        for example, live in self.placeholders.items():
            text = text.replace(example, live)
        return text

    def run(self, args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=self.root, env=self.env, capture_output=True, text=True,
                              timeout=600, **kw)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    root = tmp_path_factory.mktemp("readme")
    port = free_port()
    chroma = start_chroma(root / "chroma-server", port)
    with NewsWeb() as web:
        web.route("/story", "<html><body><p>x</p></body></html>")
        web.route(
            "/rss.xml",
            rss("Velmar Wire", [{"title": "Ferry terminal delayed", "link": web.url("/story"),
                                 "content": f"<p>{FEED_TEXT}</p>"}]),
            content_type="application/rss+xml",
        )
        world = Live(root / "work", f"127.0.0.1:{port}", web)
        done = world.run([str(BIN / "newsdesk"), "ingest"])
        assert done.returncode == 0, done.stderr
        yield world
    chroma.terminate()
    chroma.wait(20)


def wait_http(url: str, proc: subprocess.Popen[str], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while True:
        assert proc.poll() is None, f"the server exited with {proc.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=2) as page:
                assert page.status == 200
                return
        except OSError:
            assert time.monotonic() < deadline, f"{url} did not answer in {timeout:.0f} s"
            time.sleep(0.5)


def stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_quick_start_prints_what_the_readme_shows_then_serves(live: Live) -> None:
    shown = next(b for b in blocks("text") if b.startswith("$ scripts/run.sh"))
    expected = shown.splitlines()[1:]
    env = {**live.env, "NEWSDESK_DATA_DIR": str(live.root / "quick-start")}
    proc = subprocess.Popen([str(REPO / "scripts" / "run.sh")], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        printed: list[str] = []
        for line in proc.stdout:
            printed.append(line.rstrip("\n").replace(f":{live.port} ", ":7860 "))
            if line.startswith("Newsdesk chat:"):
                break
        wait_http(f"http://127.0.0.1:{live.port}/", proc)
    finally:
        stop(proc)
    timing = re.compile(r" \(\d+\.\d s\)$")
    got = [timing.sub("", x) for x in printed if x.strip()]
    want = [timing.sub("", x) for x in expected if x.strip()]
    # Line for line what the README shows (issue 24), the chat's port and the seconds aside.
    assert got == want


def test_the_test_command_is_what_ci_runs() -> None:
    assert "scripts/test.sh\n" in blocks("bash")
    assert "scripts/test.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_python_blocks_run_as_written(live: Live) -> None:
    server = subprocess.Popen([str(BIN / "newsdesk"), "serve"], cwd=live.root, env=live.env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_http(f"http://127.0.0.1:{live.port}/", server)
        python = blocks("python")
        assert len(python) >= 2
        for i, code in enumerate(python):
            script = live.root / f"readme_block_{i}.py"
            script.write_text(live.fill(code), encoding="utf-8")
            done = live.run([sys.executable, str(script)])
            assert done.returncode == 0, f"README Python block {i}:\n{code}\n{done.stderr[-3000:]}"
    finally:
        stop(server)
    # The API block quoted the Rubio answer; the library block ingested the live feed.
    srv = live.root / "srv"
    assert list((srv.parent / "corpus" / "web").rglob("*.md")), "the feed was not saved"


def test_shell_commands_run_as_written(live: Live) -> None:
    """Every command line of the README's bash blocks but the two quick-start scripts."""
    lines = [
        line.split("  #")[0].strip()
        for block in blocks("bash")
        for line in block.splitlines()
        if line.strip() and not line.startswith("#")
    ]
    commands = [x for x in lines if x not in ("scripts/run.sh", "scripts/test.sh")]
    assert any(c.startswith("newsdesk feeds") for c in commands)
    env = {**live.env, "NEWSDESK_DATA_DIR": str(live.root / "shell-data")}
    first = subprocess.run([str(BIN / "newsdesk"), "ingest"], cwd=live.root, env=env,
                           capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    # The module's corpus may hold the feed's article too, by the time this test runs.
    assert re.match(r"added \d+, updated 0, unchanged 0, removed 0, failed 0", first.stdout)
    asked = subprocess.run([str(BIN / "newsdesk"), "ask", SAMPLE_QUESTION], cwd=live.root,
                           env=env, capture_output=True, text=True, timeout=600)
    assert asked.returncode == 0, asked.stderr
    assert "illegitimate desire" in asked.stdout and "[1]" in asked.stdout
    runs = [first, asked]
    for command in commands:
        done = subprocess.run(["bash", "-c", live.fill(command)], cwd=live.root, env=env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{command}\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}"
        if "--llm openai" in command:  # nothing serves 127.0.0.1:8080 here: the documented
            assert "127.0.0.1:8080" in done.stderr  # fallback names the server it tried
        runs.append(done)
    # Newsdesk prints its own output only (issue 24): transformers' "Loading weights" bar and
    # its config warnings once came with every command.
    for run in runs:
        for out in (run.stdout, run.stderr):
            assert not any(n in out for n in NOISE), f"{run.args}\n{out[-2000:]}"


def _synopsis() -> dict[str, set[str]]:
    """README's command list: command path -> the options it names."""
    text = next(b for b in blocks("text") if b.startswith("newsdesk ingest"))
    out: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line.startswith("#"):  # a continuation: options shared by the commands it names
            names = re.findall(r"^#\s+([\w/]+) ", line)[0].split("/")
            for name in names:
                out[name] |= set(re.findall(r"--[\w-]+", line))
            continue
        words = line.split("#")[0].split()
        if not words or words[0] != "newsdesk":
            continue
        # "feeds add URL [...] | remove URL|N | list ..." names several subcommands.
        if words[1] == "feeds":
            for part in line.split("#")[0][len("newsdesk feeds "):].split(" | "):
                sub = part.split()[0]
                out[f"feeds {sub}"] = set(re.findall(r"--[\w-]+", part))
            continue
        out[words[1]] = set(re.findall(r"--[\w-]+", line.split("#")[0]))
    return out


def _help() -> dict[str, set[str]]:
    """What ``newsdesk --help`` (and each command's ``--help``) offers. Typer carries its own
    copy of click, so commands are told apart by shape, not by click's classes."""
    import typer

    from ui.cli import app

    root = typer.main.get_command(app)
    out: dict[str, set[str]] = {}

    def visit(cmd: object, path: str) -> None:
        subcommands = getattr(cmd, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                visit(sub, f"{path} {name}".strip())
            return
        opts: set[str] = set()
        for param in getattr(cmd, "params", []):
            if getattr(param, "param_type_name", "") == "option":
                opts |= {o for o in (*param.opts, *param.secondary_opts) if o.startswith("--")}
        out[path] = opts - {"--help"}

    visit(root, "")
    return out


def test_the_cli_list_matches_help() -> None:
    documented, actual = _synopsis(), _help()
    assert set(documented) == set(actual)
    for command, options in actual.items():
        # "--prune/--no-prune": the README names the one a user types.
        missing = {o for o in options if o not in documented[command]
                   and o.replace("--no-", "--") not in documented[command]
                   and o.replace("--", "--no-", 1) not in documented[command]}
        assert not missing, f"newsdesk {command}: README does not list {sorted(missing)}"
        extra = documented[command] - options
        assert not extra, f"newsdesk {command}: README lists {sorted(extra)}, --help does not"


def test_the_settings_table_lists_every_setting() -> None:
    from rag.settings import Settings

    table = set(re.findall(r"`(NEWSDESK_[A-Z_]+)`", section("Settings")))
    fields = {f"NEWSDESK_{name.upper()}" for name in Settings.model_fields}
    assert table == fields | {"NEWSDESK_HOST", "NEWSDESK_PORT"}, (
        sorted(table ^ (fields | {"NEWSDESK_HOST", "NEWSDESK_PORT"}))
    )


def test_every_reader_and_backend_is_documented() -> None:
    from ingest.readers import REGISTERED
    from rag.llm.registry import ANSWERERS

    goes_in = section("What goes in")
    for reader in REGISTERED:
        row = next((line for line in goes_in.splitlines()
                    if line.startswith("|") and f"`{reader.SUFFIXES[0]}`" in line), "")
        assert row, f"no row for {reader.__name__}"
        assert all(f"`{s}`" in row for s in reader.SUFFIXES), (reader.SUFFIXES, row)
        assert reader.DESCRIPTION in row
    llm_row = next(line for line in section("Settings").splitlines() if "`NEWSDESK_LLM`" in line)
    assert all(f"`{name}`" in llm_row for name in ANSWERERS), llm_row
