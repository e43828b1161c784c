"""Theory exam speed: click-to-durable latency on the terminal store, importing a
10,000-question bank, assembling papers for 500 candidates.

    PYTHONPATH=. .venv/bin/python bench/exam.py [--answers 400] [--runs 3]

Targets (issue 4): click-to-durable p99 <= 20 ms; 10,000-question import <= 10 s;
assembly for 500 candidates <= 2 s.  Each figure is a median of several runs, with a
baseline measured in the same run on the same store/machine.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.exam import assembly  # noqa: E402
from app.core.exam.blueprint import standard_blueprint  # noqa: E402
from app.core.exam.questions import LABELS, TRUE_FALSE_TEXTS, Option, Question, QType  # noqa: E402


def questions(n: int, seed: int = 1, prefix: str = "B") -> list[Question]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        qtype = (QType.TRUE_FALSE, QType.SINGLE, QType.MULTIPLE)[i % 10 // 4 if i % 10 < 8 else 2]
        code = f"{prefix}{i:06d}"
        stem = f"{code} 在低压配电系统中，关于剩余电流动作保护装置的安装与试验，下列说法正确的是（  ）。"
        if qtype is QType.TRUE_FALSE:
            opts = tuple(Option(LABELS[k], t) for k, t in enumerate(TRUE_FALSE_TEXTS))
            ans = frozenset(rng.choice("AB"))
        else:
            opts = tuple(Option(LABELS[j], f"{code} 选项内容 {j}") for j in range(4))
            ans = frozenset(rng.choice("ABCD")) if qtype is QType.SINGLE else frozenset(rng.sample("ABCD", 2))
        out.append(Question(code, qtype, stem, opts, ans, Decimal(1), rng.randint(1, 5),
                            f"{'ABCD'[i % 4]}-{i % 7:02d}-{i % 13:03d}"))
    return out


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


class Fixed:
    def __init__(self, at):
        self.at = at

    def now(self):
        return self.at


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--answers", type=int, default=400)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from openpyxl import load_workbook
    from sqlalchemy import select

    from app.formats.bank_xlsx import write_bank
    from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN, DEMO_STAFF, build_demo_site
    from app.services.exam import ExamTerminal
    from app.services.site import open_site
    from app.services.theory import BankService, PaperService
    from app.store import models
    from app.store.keys import TEST_KDF

    pw = {u: p for u, _, _, p, _ in DEMO_STAFF}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print("准备演示站点与题库 …", flush=True)
        build_demo_site(tmp / "site", candidates=40, seed=1, kdf=TEST_KDF)
        handle = open_site(tmp / "site", DEMO_PASSPHRASE)
        with handle.store.read() as s:
            batch = s.scalars(select(models.Batch).where(models.Batch.plan_no == DEMO_PLAN)).one()
            ticket = s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id)).first()
        clock = Fixed(_dt.datetime.combine(batch.exam_start, _dt.time(9)).astimezone().astimezone(_dt.timezone.utc))
        handle.clock = clock
        admin = handle.login("admin", pw["admin"])

        # -- bank import: 10,000 questions -------------------------------------------------
        bank = questions(10_000)
        xlsx = tmp / "bank10k.xlsx"
        write_bank(xlsx, bank)
        reads, imports = [], []
        for run in range(args.runs):
            t = time.perf_counter()
            wb = load_workbook(xlsx, read_only=True, data_only=True)
            sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
            wb.close()
            reads.append(time.perf_counter() - t)
            t = time.perf_counter()
            res = BankService(admin).import_xlsx(xlsx, f"6-31-01-{run:02d}" if run else batch.occupation_code,
                                                 batch.level)
            imports.append(time.perf_counter() - t)
            assert res.imported == 10_000
        imp = statistics.median(imports)
        base = statistics.median(reads)
        print(f"题库导入 10,000 题（.xlsx，校验+加密库写入）：中位数 {imp:.2f} s（目标 ≤ 10 s）；"
              f"仅 openpyxl 读表基线 {base:.2f} s，比值 {imp / base:.1f}×")

        # -- assembly for 500 candidates -----------------------------------------------------
        bp = standard_blueprint()
        qmap = {q.code: q for q in bank}
        times, base_times = [], []
        for run in range(args.runs):
            t = time.perf_counter()
            paper = assembly.select_paper(bank, bp, f"seed{run}")
            base_times.append(time.perf_counter() - t)
            for c in range(500):
                assembly.personalise(paper, qmap, bp, f"seed{run}", f"T{c:05d}")
            times.append(time.perf_counter() - t)
        asm = statistics.median(times)
        one = statistics.median(base_times)
        print(f"组卷 500 名考生（万题库选题 + 每人题序/选项序）：中位数 {asm * 1000:.0f} ms（目标 ≤ 2 s）；"
              f"单次选题基线 {one * 1000:.0f} ms，比值 {asm / one:.1f}×")

        # -- click to durable ----------------------------------------------------------------
        papers = PaperService(admin)
        papers.set_blueprint(DEMO_PLAN, bp)
        papers.seal(DEMO_PLAN, [("admin", pw["admin"]), ("kaowu", pw["kaowu"])])
        papers.unlock(DEMO_PLAN, [("admin", pw["admin"]), ("kaowu", pw["kaowu"])])
        proctor = handle.login("jiankao1", pw["jiankao1"])
        term = ExamTerminal(proctor)
        sit = term.login(DEMO_PLAN, ticket.ticket_no, ticket.id_no[-6:])
        rng = random.Random(5)
        lat, base_lat = [], []
        for i in range(args.answers):
            q = sit.questions[rng.randrange(len(sit.questions))]
            choice = rng.choice([lbl for lbl, _ in q.options])
            t = time.perf_counter()
            term.answer(sit, q.qno, choice)
            lat.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            with handle.store.write() as s:  # baseline: one bare durable commit of one row
                row = s.get(models.Setting, "bench") or models.Setting(key="bench", value=0)
                row.value = i
                s.add(row)
            base_lat.append((time.perf_counter() - t) * 1000)
        med, p99 = statistics.median(lat), pct(lat, 99)
        bmed, bp99 = statistics.median(base_lat), pct(base_lat, 99)
        print(f"点击到落盘（answer()：作答+计时+日志，一个 fsync 事务），{args.answers} 次："
              f"中位数 {med:.2f} ms，p99 {p99:.2f} ms（目标 p99 ≤ 20 ms）；"
              f"裸提交基线 中位数 {bmed:.2f} ms、p99 {bp99:.2f} ms，中位数比值 {med / bmed:.1f}×")
        handle.close()


if __name__ == "__main__":
    main()
