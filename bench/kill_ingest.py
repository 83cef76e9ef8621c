"""Many-kills harness: SIGKILL a real ``newsdesk ingest`` at points spread over its run, then
check that the next run converges to exactly the store a clean ingest builds.

Two phases alternate: *add* (an empty store ingesting corpus v0) and *update* (a store holding
v0 ingesting v1, which edits, deletes and adds articles, so upserts, stale-chunk deletes and
prunes are all in flight when the kill lands). After each kill the harness runs the ingest to
completion and compares Chroma (ids, documents, metadatas, embeddings), the manifest (articles,
chunks, an empty journal), the BM25 index and the answers to a few questions with the reference.

    .venv/bin/python bench/kill_ingest.py --kills 24          # prints "kills survived: X / Y"

Every run reuses one embedding cache (seeded into each fresh data directory), so no run loads
the model and the time goes to what can break: Chroma writes and manifest commits.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
SQUAD = REPO / "data" / "eval" / "squad2-sample500" / "queries.json"
NEWSDESK = [sys.executable, "-m", "ui.cli"]
_WORDS = (
    "harbour council minister strike election budget storm river bridge court police vaccine "
    "museum railway festival drought export tariff summit union airport hospital school mayor"
).split()


# -- corpora --------------------------------------------------------------------------------
def paragraphs(limit: int) -> list[tuple[str, str]]:
    """(paragraph, a question about it): SQuAD2 sample when present, else deterministic prose."""
    if SQUAD.exists():
        data = json.loads(SQUAD.read_text(encoding="utf-8"))["queries"]
        seen: dict[str, str] = {}
        for q in data:
            seen.setdefault(q["context"], q["question"])
        items = list(seen.items())
    else:
        rng = random.Random(5)
        items = []
        for i in range(411):
            words = [rng.choice(_WORDS) for _ in range(120)]
            sents = [" ".join(words[j : j + 12]).capitalize() + "." for j in range(0, 120, 12)]
            items.append((f"Report {i}: " + " ".join(sents), f"What about the {words[0]}?"))
    return [items[i % len(items)] for i in range(limit)]


def _article(n: int, body: str, version: int) -> tuple[str, str]:
    """(file name, content) in a mix of the formats a scraper drops: txt, md, json."""
    title = f"Story {n}: " + body.split(". ")[0][:60]
    if n % 3 == 0:
        rec = {"title": title, "body": body, "source": "Wire", "url": f"https://x.test/{n}",
               "published_at": f"2025-01-{1 + n % 28:02d}T08:00:00+00:00"}
        return f"a{n:04d}.json", json.dumps(rec, ensure_ascii=False)
    ext = "md" if n % 3 == 1 else "txt"
    return f"a{n:04d}.{ext}", f"{title}\n{body}\n"


def write_corpus(root: Path, n_articles: int, version: int) -> None:
    """v0: n articles of 2-3 paragraphs. v1: every 5th edited (shorter or longer), every 7th
    deleted, n/10 new ones: updates, stale chunks and prunes in one run."""
    paras = paragraphs(n_articles * 3 + n_articles // 10 + 3)
    root.mkdir(parents=True, exist_ok=True)
    ids = list(range(n_articles))
    if version == 1:
        ids = [i for i in ids if i % 7 != 3]
        ids += range(n_articles, n_articles + n_articles // 10)
    for n in ids:
        k = 2 + n % 2
        body_parts = [p for p, _ in paras[n * 3 % len(paras) : n * 3 % len(paras) + k]]
        if version == 1 and n % 5 == 0:
            body_parts = body_parts[:1] if n % 10 == 0 else body_parts + [paras[-1 - n % 3][0]]
        name, content = _article(n, "\n".join(body_parts), version)
        (root / name).write_text(content, encoding="utf-8")


def questions(n_articles: int) -> list[str]:
    paras = paragraphs(n_articles)
    return [paras[i][1] for i in (1, n_articles // 2, n_articles - 2)]


# -- running the CLI ------------------------------------------------------------------------
def _env() -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONHASHSEED="0")
    env.pop("NEWSDESK_CHROMA", None)
    return env


def ingest_cmd(data_dir: Path, corpus: Path) -> list[str]:
    return [*NEWSDESK, "--data-dir", str(data_dir), "--corpus-dir", str(corpus), "ingest"]


def run_ingest(data_dir: Path, corpus: Path, timeout: float = 600) -> tuple[int, str, float]:
    """One uninterrupted ingest; returns (exit code, stderr, seconds from lock to exit)."""
    proc = subprocess.Popen(
        ingest_cmd(data_dir, corpus), cwd=REPO, env=_env(),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    locked = _wait_for_lock(proc, data_dir, timeout)
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, err + out, time.monotonic() - (locked or time.monotonic())


def _wait_for_lock(proc: subprocess.Popen[str], data_dir: Path, timeout: float) -> float | None:
    """The moment the process holds the writer lock (its pid is in the lock file)."""
    lock = data_dir / "ingest.lock"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if lock.read_text().strip() == str(proc.pid):
                return time.monotonic()
        except OSError:
            pass
        time.sleep(0.005)
    return None


def killed_ingest(data_dir: Path, corpus: Path, delay: float) -> tuple[bool, float]:
    """Start an ingest, SIGKILL it ``delay`` s after it takes the lock.

    Returns (killed, seconds it ran under the lock): killed is False if it finished first.
    """
    proc = subprocess.Popen(
        ingest_cmd(data_dir, corpus), cwd=REPO, env=_env(),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    locked = _wait_for_lock(proc, data_dir, 120)
    if locked is None:
        proc.wait(60)
        return False, 0.0
    deadline = locked + delay
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    alive = proc.poll() is None
    if alive:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(60)
    return alive, time.monotonic() - locked


# -- the embedding cache --------------------------------------------------------------------
def seed_cache(corpora: list[Path], seed: Path, embedder: Any) -> None:
    """A manifest holding only the vectors of every chunk of every corpus version, embedded
    here once with the already-loaded model, exactly as the pipeline would chunk them."""
    from ingest.chunk import Chunker
    from ingest.loaders import load_file, walk
    from ingest.pipeline import file_key, text_hash
    from rag.settings import Settings
    from rag.store.manifest import Manifest

    texts: dict[str, str] = {}
    for root in corpora:
        settings = Settings(corpus_dir=root)
        chunker = Chunker(settings.model_path(), settings.chunk_tokens, settings.chunk_overlap)
        for path, err in walk(root):
            if err is None:
                loaded = load_file(path, file_key(path, root), settings.max_file_bytes)
                for article in loaded.articles:
                    for piece in chunker.split(article.text):
                        texts.setdefault(text_hash(piece.text), piece.text)
    manifest = Manifest(seed)
    hashes = list(texts)
    manifest.cache_vectors(dict(zip(hashes, embedder.encode([texts[h] for h in hashes]),
                                    strict=True)))
    manifest.close()


def import_cache(seed: Path, data_dir: Path) -> None:
    """Give a store every seeded vector (a fresh store gets a copy of the seed itself)."""
    target = data_dir / "manifest.sqlite"
    if not target.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed, target)
        return
    with sqlite3.connect(target) as db:
        db.execute("ATTACH ? AS seed", (str(seed),))
        db.execute("INSERT OR IGNORE INTO embeddings SELECT * FROM seed.embeddings")
        db.commit()
        db.execute("DETACH seed")


# -- comparing stores -----------------------------------------------------------------------
@dataclass
class Snapshot:
    chroma: dict[str, tuple[str, dict[str, Any]]]
    vectors: dict[str, Any]
    articles: list[tuple[Any, ...]]
    chunks: list[tuple[Any, ...]]
    problems: list[str] = field(default_factory=list)
    answers: list[tuple[str, list[str]]] = field(default_factory=list)
    neighbours: list[list[float]] = field(default_factory=list)


def snapshot(data_dir: Path, corpus: Path, embedder: Any, qs: list[str]) -> Snapshot:
    """Everything a user could observe about a store, plus its internal consistency problems."""
    import numpy as np

    from rag.newsdesk import Newsdesk
    from rag.settings import Settings
    from rag.store import lexical
    from rag.store.chroma import open_collection

    settings = Settings(data_dir=data_dir, corpus_dir=corpus)
    col = open_collection(settings, create=False)
    got = col.get(include=["documents", "metadatas", "embeddings"])
    ids = list(got["ids"])
    problems: list[str] = []
    if len(ids) != len(set(ids)):
        problems.append(f"{len(ids) - len(set(ids))} duplicate Chroma ids")
    chroma = {i: (d, m) for i, d, m in zip(ids, got["documents"], got["metadatas"], strict=True)}
    # Chroma hands back a vector re-normalised or not depending on whether it was compacted
    # into the HNSW segment yet: equal to about 1e-7, never bit for bit.
    vectors = {i: np.asarray(e, dtype=np.float32) for i, e in zip(ids, got["embeddings"],
                                                                   strict=True)}
    with sqlite3.connect(settings.manifest_path) as db:
        articles = db.execute("SELECT * FROM articles ORDER BY article_id").fetchall()
        chunks = db.execute("SELECT * FROM chunks ORDER BY chunk_id").fetchall()
        pending = db.execute("SELECT COUNT(*) FROM pending").fetchone()[0]
    if pending:
        problems.append(f"{pending} article(s) still pending")
    manifest_ids = {c[0] for c in chunks}
    if orphans := set(chroma) - manifest_ids:
        problems.append(f"{len(orphans)} orphan chunk(s) in Chroma, e.g. {sorted(orphans)[:3]}")
    if missing := manifest_ids - set(chroma):
        problems.append(f"{len(missing)} manifest chunk(s) missing from Chroma")
    texts = {c[0]: c[5] for c in chunks}
    if wrong := [i for i in manifest_ids & set(chroma) if chroma[i][0] != texts[i]]:
        problems.append(f"{len(wrong)} chunk(s) whose Chroma text differs from the manifest")
    index = lexical.load(settings.lexical_dir)
    if index is None or sorted(index.chunk_ids()) != sorted(manifest_ids):
        problems.append("the lexical index does not match the manifest")
    desk = Newsdesk(settings, embedder=embedder)
    answers = []
    for q in qs:
        a = desk.query(q)
        answers.append((a.text, [c.chunk_id for c in a.citations]))
    # The HNSW index itself: each probe finds its own chunk, and the same neighbour distances
    # as the reference. Ids may legitimately differ: the corpus repeats paragraphs (ties), and
    # HNSW graphs built in a different insertion order are not identical.
    probe = sorted(chroma)[:: max(1, len(chroma) // 5)][:5]
    neighbours = []
    for cid in probe:
        res = col.query(
            query_embeddings=[vectors[cid].tolist()], n_results=5, include=["distances"]
        )
        dists = [round(float(d), 3) for d in res["distances"][0]]
        found = {i for i, d in zip(res["ids"][0], dists, strict=True) if d < 1e-3}
        if cid not in found and texts.get(cid) not in {texts.get(i) for i in found}:
            problems.append(f"vector search does not find chunk {cid} from its own vector")
        neighbours.append(dists)
    desk.close()
    return Snapshot(chroma, vectors, articles, chunks, problems, answers, neighbours)


def differences(got: Snapshot, ref: Snapshot) -> list[str]:
    out = list(got.problems)
    if set(got.chroma) != set(ref.chroma):
        extra, lost = set(got.chroma) - set(ref.chroma), set(ref.chroma) - set(got.chroma)
        out.append(f"chunk ids differ: {len(extra)} extra, {len(lost)} missing")
    elif got.chroma != ref.chroma:
        bad = [i for i in ref.chroma if got.chroma[i] != ref.chroma[i]]
        out.append(f"{len(bad)} chunk(s) differ in text or metadata, e.g. {bad[:3]}")
    if set(got.chroma) == set(ref.chroma):
        import numpy as np

        far = [i for i in ref.vectors if not np.allclose(got.vectors[i], ref.vectors[i], atol=1e-5)]
        if far:
            out.append(f"{len(far)} chunk vector(s) differ, e.g. {far[:3]}")
    if got.articles != ref.articles:
        out.append("manifest articles differ")
    if got.chunks != ref.chunks:
        out.append("manifest chunks differ")
    if got.answers != ref.answers:
        out.append("answers differ")
    if len(got.neighbours) != len(ref.neighbours) or any(
        len(a) != len(b) or any(abs(x - y) > 2e-3 for x, y in zip(a, b, strict=True))
        for a, b in zip(got.neighbours, ref.neighbours, strict=False)
    ):
        out.append("vector-search neighbour distances differ")
    return out


# -- the experiment -------------------------------------------------------------------------
@dataclass
class Result:
    tried: int = 0
    survived: int = 0
    finished_early: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def run(
    work: Path,
    kills: int,
    n_articles: int,
    embedder: Any,
    log: Callable[[str], None] = print,
) -> Result:
    """Build references, then kill ``kills`` ingests at evenly spread points and check each."""
    shutil.rmtree(work, ignore_errors=True)
    corpora = {v: work / f"corpus-v{v}" for v in (0, 1)}
    for v, root in corpora.items():
        write_corpus(root, n_articles, v)
    qs = {v: questions(n_articles) for v in (0, 1)}
    seed = work / "embeddings.sqlite"
    seed_cache(list(corpora.values()), seed, embedder)
    result = Result()
    # References: clean ingests of each version, also timing the work done under the lock.
    ref0, ref1 = work / "ref-v0", work / "ref-v1"
    base = work / "base-v0"  # a committed v0 store, copied for every update-phase trial
    refs: dict[int, Snapshot] = {}
    timing: dict[int, float] = {}
    for v, ref in ((0, ref0), (1, ref1)):
        shutil.rmtree(ref, ignore_errors=True)
        import_cache(seed, ref)
        rc, err, took = run_ingest(ref, corpora[v])
        if rc != 0:
            raise RuntimeError(f"reference ingest v{v} failed: {err[-2000:]}")
        if v == 0:
            shutil.copytree(ref0, base)
        refs[v] = snapshot(ref, corpora[v], embedder, qs[v])
        if refs[v].problems:
            raise RuntimeError(f"reference v{v} is inconsistent: {refs[v].problems}")
        timing[v] = took
        result.seconds[f"ingest_v{v}"] = round(took, 2)
        log(f"clean ingest v{v}: {took:.2f} s under the lock, {len(refs[v].chroma)} chunks")
    for i in range(kills):
        v = i % 2
        # Kill points spread evenly over each phase's run, alternating the two phases.
        k = i // 2
        per_phase = (kills + 1 - v) // 2
        frac = (k + 0.5) / per_phase
        trial = work / f"trial-{i:02d}"
        for _attempt in range(3):
            delay = timing[v] * frac * 0.95
            _prepare(trial, v, base, seed)
            killed, ran = killed_ingest(trial, corpora[v], delay)
            if killed:
                break
            # The machine got faster than the reference run: rescale, and aim again.
            result.finished_early += 1
            timing[v] = min(timing[v], ran)
            log(f"kill {i + 1:2d}: v{v} finished in {ran:.2f} s, before its kill; aiming again")
        again = False
        if not killed:
            continue
        result.tried += 1
        if i % 3 == 2:
            # Every third trial also kills the run that is recovering from the first kill.
            again, _ = killed_ingest(trial, corpora[v], timing[v] * (1 - frac) * 0.5)
            result.tried += int(again)
            log(f"kill {i + 1:2d}: the recovery run was killed too" if again else
                f"kill {i + 1:2d}: the recovery run finished before its kill")
        rc, err, _ = run_ingest(trial, corpora[v])
        if rc != 0:
            why = err.strip().splitlines()[-1:] or ["?"]
            result.failures.append(f"kill {i + 1}: recovery ingest exited {rc}: {why[0]}")
            log(f"kill {i + 1:2d}: v{v} at {delay:.2f} s: RECOVERY FAILED ({why[0]})")
            continue
        diff = differences(snapshot(trial, corpora[v], embedder, qs[v]), refs[v])
        if diff:
            result.failures.append(f"kill {i + 1}: {'; '.join(diff)}")
            log(f"kill {i + 1:2d}: v{v} at {delay:.2f} s: DIVERGED: {'; '.join(diff)}")
            continue  # keep the store for a post-mortem
        result.survived += 2 if i % 3 == 2 and again else 1
        log(f"kill {i + 1:2d}: v{v} at {delay:.2f} s ({frac:.0%} of the run): converged")
        shutil.rmtree(trial, ignore_errors=True)
    return result


def _prepare(data_dir: Path, version: int, base: Path, seed: Path) -> None:
    """A fresh empty store (v0 phase) or a copy of the committed v0 store (v1 phase)."""
    shutil.rmtree(data_dir, ignore_errors=True)
    if version == 1 and base.exists():
        shutil.copytree(base, data_dir)
    import_cache(seed, data_dir)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=24)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsdesk-kills"))
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from rag.retrieval.embedder import Embedder
    from rag.settings import Settings

    started = time.monotonic()
    embedder = Embedder(Settings().model_path())
    res = run(args.work, args.kills, args.articles, embedder)
    print(f"kills survived: {res.survived} / {res.tried}"
          + (f" ({res.finished_early} ingests finished before their kill and were re-aimed)"
             if res.finished_early else ""))
    for f in res.failures:
        print(f"  {f}")
    print(f"total {time.monotonic() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(res.__dict__, indent=2))
    sys.exit(0 if res.tried and res.survived == res.tried else 1)


if __name__ == "__main__":
    main()
