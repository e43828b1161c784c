"""Latency of one small durable commit (an answer-sized row) on the SQLCipher site store,
against plain sqlite3 with the same settings (WAL, synchronous=FULL), in the same run.

    .venv/bin/python bench/store.py [--commits 400] [--runs 5]

Prints median and p99 per run, the median of the runs, and the SQLCipher/sqlite3 ratio.
Also times the same commit through the service path (SQLAlchemy session + journal entry).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlcipher3.dbapi2 as sqlcipher

from app.store.keys import TEST_KDF, new_site_file

ROW = ("DG26040001", 17, "B", "2026-12-05T08:15:02.123Z")
DDL = "create table answer (id integer primary key, ticket_no text, question int, choice text, ts text)"


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def measure(conn, commits: int) -> list[float]:
    out = []
    for _ in range(commits):
        t = time.perf_counter()
        conn.execute("begin immediate")
        conn.execute("insert into answer (ticket_no, question, choice, ts) values (?,?,?,?)", ROW)
        conn.execute("commit")
        out.append((time.perf_counter() - t) * 1000)
    return out


def prepare(conn):
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(DDL)


def service_path(folder: Path, commits: int) -> list[float]:
    from app.core.actor import system_actor
    from app.services.base import ServiceContext
    from app.store.engine import create_store
    from app.store.models import Setting

    store = create_store(folder / "svc", "bench-passphrase", TEST_KDF)
    ctx = ServiceContext(store, system_actor("bench"))
    out = []
    for i in range(commits):
        t = time.perf_counter()
        with ctx.unit_of_work() as uow:
            uow.session.add(Setting(key=f"k{i}", value={"choice": "B"}))
            uow.journal("bench.answer", "DG26040001", {"q": i, "choice": "B"})
        out.append((time.perf_counter() - t) * 1000)
    store.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--commits", type=int, default=400)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    _, keys = new_site_file("bench-passphrase", TEST_KDF)
    rows = {"sqlite3": [], "sqlcipher": [], "service": []}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        tmp = Path(tmp)
        for run in range(args.runs):
            plain = sqlite3.connect(tmp / f"plain{run}.db", isolation_level=None)
            prepare(plain)
            enc = sqlcipher.connect(str(tmp / f"enc{run}.db"), isolation_level=None)
            enc.execute(keys.sqlcipher_pragma())
            prepare(enc)
            # interleave so both see the same disk and load
            a = measure(plain, args.commits // 2) + measure(plain, args.commits // 2)
            b = measure(enc, args.commits // 2) + measure(enc, args.commits // 2)
            rows["sqlite3"].append(a)
            rows["sqlcipher"].append(b)
            rows["service"].append(service_path(tmp / f"r{run}", args.commits // 4))
            plain.close()
            enc.close()
    print(f"one durable commit of an answer-sized row; {args.runs} runs x {args.commits} commits "
          f"(WAL, synchronous=FULL, fsync on {tmp})")
    summary = {}
    for name, runs in rows.items():
        med = statistics.median(statistics.median(r) for r in runs)
        p99 = statistics.median(pct(r, 99) for r in runs)
        summary[name] = (med, p99)
        label = {"sqlite3": "plain sqlite3", "sqlcipher": "SQLCipher 4 (raw key)",
                 "service": "service path (SQLAlchemy + journal entry, SQLCipher)"}[name]
        print(f"  {label:<55} median {med:7.3f} ms   p99 {p99:7.3f} ms")
    print(f"  ratio SQLCipher / sqlite3: median x{summary['sqlcipher'][0] / summary['sqlite3'][0]:.2f}, "
          f"p99 x{summary['sqlcipher'][1] / summary['sqlite3'][1]:.2f}")
    print(f"  ratio service path / sqlite3: median x{summary['service'][0] / summary['sqlite3'][0]:.2f}")


if __name__ == "__main__":
    main()
