"""Ingest speed: Newsdesk vs the plain LlamaIndex pipeline, cold processes, side by side.

Every timed step is a fresh process started from this script (process start to exit: imports,
model load and all), so the figures are what a user waits for at the shell. Baseline and Newsdesk
run back to back in the same invocation, on the same texts, so ratios hold on a shared machine.

    .venv/bin/python bench/ingest_speed.py            # writes bench/results/ingest_speed.json

Steps:
1. first ingest of the 411 SQuAD2-sample paragraphs: plain ``from_documents`` vs Newsdesk, and
   Newsdesk's encode floor: a bare process that loads the same model and encodes exactly the
   chunk texts Newsdesk embeds, in a plain loop (what no ingest of these chunks can beat);
2. unchanged re-ingest as a cold ``newsdesk ingest`` (as % of step 1) and in-process (as % of an
   in-process first ingest of the update base, measured in a child process);
3. the everyday update on a 370-article base (10 % new, 5 % edited, 5 % deleted): Newsdesk's
   incremental ingest vs the plain rebuild of the updated corpus vs LlamaIndex's
   ``IngestionPipeline`` (docstore, ``UPSERTS_AND_DELETE``) run on the same change; as cold
   commands, and in-process (model loaded: the path ``newsdesk serve`` and scheduled re-ingest
   take) against the plain rebuild's own in-process work time.

The load average is recorded before and after; on a busy machine (load > 1 before the run) the
script refuses, or with ``--allow-loaded`` writes under ``bench/results/loaded/`` (bench/quiet.py).
``--repeat 2`` runs everything twice in one invocation.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpora import REPO, article_file, squad_paragraphs, write_squad_corpus  # noqa: E402
from bench.quiet import LoadRecord  # noqa: E402

PY = sys.executable
NEWSDESK = str(Path(PY).parent / "newsdesk")
RESULTS = REPO / "bench" / "results"
BASE_N = 370


CPU: dict[str, float] = {}  # command label -> CPU seconds (user + sys) of its last run


def run_rss(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, the child's own peak RSS (MiB, via wait4) and its stdout.

    The child's CPU seconds (user + sys) go to ``CPU`` too: on a shared machine wall time moves
    with other jobs' load, CPU time much less, so both are reported.
    """
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True, cwd=REPO, env=_env())
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        CPU["last"] = usage.ru_utime + usage.ru_stime
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.read()[-3000:]}")
        return wall, usage.ru_maxrss / 1024, out.read()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["HF_HUB_OFFLINE"] = "1"
    env["TOKENIZERS_PARALLELISM"] = "false"
    for key in list(env):
        if key.startswith("NEWSDESK_"):
            del env[key]
    return env


def newsdesk(data: Path, corpus: Path) -> tuple[float, float, dict]:
    wall, rss, out = run_rss(
        [NEWSDESK, "--data-dir", str(data), "--corpus-dir", str(corpus), "ingest", "--json"]
    )
    return wall, rss, {**json.loads(out), "cpu_s": CPU["last"]}


def plain(mode: str, data: Path, corpus: Path) -> tuple[float, float, dict]:
    script = str(REPO / "bench" / "plain_llamaindex.py")
    wall, rss, out = run_rss([PY, script, mode, str(data), str(corpus)])
    return wall, rss, {**json.loads(out.strip().splitlines()[-1]), "cpu_s": CPU["last"]}


def inprocess(data: Path, base: Path, updated: Path) -> dict:
    """In one process (model loaded once): first ingest of ``base``, unchanged re-ingest, then
    the corpus folder is changed to look like ``updated`` and ingested again (the update)."""
    corpus = data.parent / (data.name + "-corpus")
    code = (
        "import json,shutil,sys,time;from pathlib import Path;from rag.newsdesk import Newsdesk;"
        "from ingest import ingest;from rag.settings import Settings;"
        f"base,upd,corpus=Path({str(base)!r}),Path({str(updated)!r}),Path({str(corpus)!r});"
        "shutil.rmtree(corpus,ignore_errors=True);shutil.copytree(base,corpus);"
        f"nd=Newsdesk(Settings(data_dir=Path({str(data)!r}),corpus_dir=corpus));"
        "t=time.perf_counter();a=ingest(nd);t1=time.perf_counter();b=ingest(nd);"
        "t2=time.perf_counter();"
        "[p.unlink() for p in corpus.iterdir() if not (upd/p.name).exists()];"
        "[shutil.copy2(p,corpus/p.name) for p in upd.iterdir()"
        " if not (corpus/p.name).exists() or (corpus/p.name).read_bytes()!=p.read_bytes()];"
        "t3=time.perf_counter();c=ingest(nd);t4=time.perf_counter();"
        "print(json.dumps({'first_s':t1-t,'unchanged_s':t2-t1,'update_s':t4-t3,"
        "'first':a.to_json(),'unchanged':b.to_json(),'update':c.to_json()}))"
    )
    _, _, out = run_rss([PY, "-c", code])
    return json.loads(out.strip().splitlines()[-1])


def floor(work: Path, corpus: Path) -> tuple[float, dict]:
    """Model load + encoding Newsdesk's distinct chunk texts in a bare loop, as a cold process."""
    from ingest.chunk import Chunker
    from ingest.loaders import load_file
    from rag.settings import Settings

    settings = Settings()
    chunker = Chunker(settings.model_path(), settings.chunk_tokens, settings.chunk_overlap)
    texts: dict[str, None] = {}
    for path in sorted(corpus.glob("*.txt")):
        for article in load_file(path, path.name, settings.max_file_bytes).articles:
            texts.update((c.text, None) for c in chunker.split(article.text))
    chunks = work / "floor-chunks.json"
    chunks.write_text(json.dumps(list(texts)), encoding="utf-8")
    code = (
        "import json,sys;from rag.retrieval.embedder import Embedder;"
        "from rag.settings import Settings;"
        "s=Settings();e=Embedder(s.model_path(),s.embed_batch_size,s.embed_threads,"
        "s.embed_batch_threads);"
        f"t=json.load(open({str(chunks)!r}));"
        "[e.encode(t[i:i+256]) for i in range(0,len(t),256)];print(json.dumps({'chunks':len(t)}))"
    )
    wall, _, out = run_rss([PY, "-c", code])
    return wall, {**json.loads(out.strip().splitlines()[-1]), "cpu_s": CPU["last"]}


def make_update(base: Path, updated: Path) -> dict[str, int]:
    """10 % new, 5 % edited (one sentence added at the end), 5 % deleted, deterministically."""
    shutil.copytree(base, updated)
    paras = squad_paragraphs()
    n_new, n_edit, n_del = BASE_N // 10, BASE_N // 20, BASE_N // 20
    for i in range(BASE_N, BASE_N + n_new):
        (updated / f"p{i:04d}.txt").write_text(article_file(i, paras[i]), encoding="utf-8")
    files = sorted(updated.glob("p*.txt"))[:BASE_N]
    for path in files[1::20][:n_edit]:
        path.write_text(
            path.read_text(encoding="utf-8").rstrip("\n")
            + " Editors updated this report after publication.\n",
            encoding="utf-8",
        )
    for path in files[3::20][:n_del]:
        path.unlink()
    return {"new": n_new, "edited": n_edit, "deleted": n_del}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "newsdesk-bench")
    ap.add_argument("--skip-update", action="store_true", help="first ingest and re-ingest only")
    ap.add_argument("--repeat", type=int, default=1, help="run everything N times")
    ap.add_argument("--allow-loaded", action="store_true", help="time on a busy machine anyway")
    args = ap.parse_args()
    with LoadRecord(args.allow_loaded) as load:
        runs = [one_run(args.work, args.skip_update, i + 1) for i in range(args.repeat)]
    res = {"machine": load.meta, "runs": runs}
    out = load.path("ingest_speed.json")
    out.write_text(json.dumps(res, indent=2, default=str), encoding="utf-8")
    print(f"load average {load.before:.2f} before, {load.after:.2f} after; wrote {out}")


def one_run(work: Path, skip_update: bool, n: int) -> dict:
    shutil.rmtree(work, ignore_errors=True)
    full, base, updated = work / "full", work / "base", work / "updated"
    write_squad_corpus(full)
    write_squad_corpus(base, BASE_N)
    res: dict = {"run": n}

    print(f"run {n}. 1. first ingest, cold processes, 411 articles", flush=True)
    p_wall, p_rss, p_out = plain("from-documents", work / "plain-full", full)
    n_wall, n_rss, n_out = newsdesk(work / "nd-full", full)
    f_wall, f_out = floor(work, full)
    res["first"] = {
        "plain_s": p_wall,
        "plain_rss_mib": p_rss,
        "plain": p_out,
        "newsdesk_s": n_wall,
        "newsdesk_rss_mib": n_rss,
        "newsdesk": n_out,
        "floor_s": f_wall,
        "floor": f_out,
        "speedup": p_wall / n_wall,
        "cpu_speedup": p_out["cpu_s"] / n_out["cpu_s"],
        "vs_floor": n_wall / f_wall,
    }
    print(f"   plain LlamaIndex {p_wall:6.1f} s wall {p_out['cpu_s']:6.1f} s CPU  ({p_out})")
    print(
        f"   newsdesk         {n_wall:6.1f} s wall {n_out['cpu_s']:6.1f} s CPU  "
        f"({n_out['chunks_embedded']} chunks embedded)"
    )
    print(
        f"   encode floor     {f_wall:6.1f} s wall {f_out['cpu_s']:6.1f} s CPU  "
        f"({f_out['chunks']} chunk texts: model load + encode in a bare loop)"
    )
    print(
        f"   speedup          {p_wall / n_wall:6.2f}x wall {p_out['cpu_s'] / n_out['cpu_s']:5.2f}x"
        f" CPU  (target >= 1x wall, > 1x CPU); newsdesk / floor {n_wall / f_wall:.2f}x "
        "(target <= 1.15x)"
    )

    print(f"run {n}. 2. unchanged re-ingest", flush=True)
    u_wall, u_rss, u_out = newsdesk(work / "nd-full", full)
    assert u_out["chunks_embedded"] == 0 and u_out["unchanged"] == len(list(full.glob("*.txt")))
    res["unchanged_cold"] = {
        "s": u_wall,
        "cpu_s": u_out["cpu_s"],
        "rss_mib": u_rss,
        "pct_of_first": 100 * u_wall / n_wall,
    }
    print(
        f"   cold command     {u_wall:6.2f} s = {100 * u_wall / n_wall:.1f} % of first "
        f"(target <= 35 %), peak RSS {u_rss:.0f} MiB"
    )
    if skip_update:
        return res
    change = make_update(base, updated)
    inp = inprocess(work / "nd-inproc", base, updated)
    pct = 100 * inp["unchanged_s"] / inp["first_s"]
    res["unchanged_inprocess"] = {**inp, "pct_of_first": pct}
    print(
        f"   in-process       {inp['unchanged_s']:6.2f} s of {inp['first_s']:.1f} s first "
        f"({BASE_N} articles) = {pct:.2f} % (target <= 2 %)"
    )

    print(f"run {n}. 3. everyday update on the 370-article base", flush=True)
    _, _, ip_base = plain("pipeline", work / "ip", base)  # LlamaIndex's own first run, untimed
    ip_wall, ip_rss, ip_out = plain("pipeline", work / "ip", updated)
    rb_wall, rb_rss, rb_out = plain("from-documents", work / "plain-rebuild", updated)
    newsdesk(work / "nd-base", base)  # the base store, untimed
    up_wall, up_rss, up_out = newsdesk(work / "nd-base", updated)
    res["update"] = {
        "change": change,
        "newsdesk_s": up_wall,
        "newsdesk": up_out,
        "newsdesk_rss_mib": up_rss,
        "newsdesk_inprocess_s": inp["update_s"],
        "newsdesk_inprocess": inp["update"],
        "plain_rebuild_s": rb_wall,
        "plain_rebuild": rb_out,
        "ingestion_pipeline_s": ip_wall,
        "ingestion_pipeline": ip_out,
        "vs_rebuild": rb_wall / up_wall,
        "vs_ingestion_pipeline": ip_wall / up_wall,
        "cpu_vs_rebuild": rb_out["cpu_s"] / up_out["cpu_s"],
        "cpu_vs_ingestion_pipeline": ip_out["cpu_s"] / up_out["cpu_s"],
        "inprocess_vs_rebuild_work": rb_out["work_s"] / inp["update_s"],
        "inprocess_vs_cold_rebuild": rb_wall / inp["update_s"],
    }
    print(f"   change           {change}")
    u = res["update"]
    print(
        f"   newsdesk         {up_wall:6.1f} s wall {up_out['cpu_s']:6.1f} s CPU  "
        f"({up_out['chunks_embedded']} chunks embedded); in-process {inp['update_s']:.2f} s"
    )
    print(
        f"   plain rebuild    {rb_wall:6.1f} s wall {rb_out['cpu_s']:6.1f} s CPU -> newsdesk "
        f"{u['vs_rebuild']:.1f}x / {u['cpu_vs_rebuild']:.1f}x CPU cheaper (target >= 4x)"
    )
    print(
        f"   in-process       plain rebuild work {rb_out['work_s']:.1f} s (model loaded) -> "
        f"newsdesk {u['inprocess_vs_rebuild_work']:.1f}x cheaper (target >= 10x); vs the cold "
        f"rebuild {u['inprocess_vs_cold_rebuild']:.1f}x"
    )
    print(
        f"   IngestionPipeline{ip_wall:6.1f} s wall {ip_out['cpu_s']:6.1f} s CPU "
        f"({ip_out['nodes_embedded']} nodes embedded) -> newsdesk {u['vs_ingestion_pipeline']:.1f}x"
        f" / {u['cpu_vs_ingestion_pipeline']:.1f}x CPU cheaper (target > 1x)"
    )
    return res


if __name__ == "__main__":
    main()
