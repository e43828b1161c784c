"""Results and certificates at scale, on a real SQLCipher site:

    .venv/bin/python bench/results.py [--candidates 2000] [--certificates 500] [--runs 3]

1. compute the results of 2,000 candidates (ResultsService.results), against reading the same
   roster (RosterService.candidates) as the baseline;
2. allocate certificate numbers for every passing candidate (CertificateService.allocate, one transaction);
3. render 500 signed certificate PDFs with photo and QR (CertificateService.render), against the
   floor measured in the same run: a bare reportlab page per certificate with the same photo and
   one line of text.  Target (issue 16): 500 certificates ≤ 3 s.

Prints the median of several runs and the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import delete, select

from app.core.idcard import synthetic_id_number
from app.services.base import Clock
from app.services.certificates import CertificateService
from app.services.demo import DEMO_INSTITUTION, demo_photo
from app.services.results import ResultsService
from app.services.roster import RosterService
from app.services.site import create_site
from app.store import models
from app.store import results_tables as rt
from app.store.keys import TEST_KDF

PLAN = "BENCH-2026-0001"
EXAM = dt.date(2026, 11, 20)


class Fixed(Clock):
    def now(self):
        return dt.datetime(2026, 12, 10, 2, tzinfo=dt.timezone.utc)


def build(site_dir: Path, n: int):
    handle = create_site(site_dir, "bench-passphrase", DEMO_INSTITUTION, "admin", "管理员", "Bench-admin-1",
                         kdf=TEST_KDF, clock=Fixed())
    ctx = handle.login("admin", "Bench-admin-1")
    rng = random.Random(1)
    photos = [demo_photo(rng, s) for s in "男女男女"]
    now = Fixed().now()
    with handle.store.write() as s:
        b = models.Batch(plan_no=PLAN, occupation_code="6-31-01-03", occupation_name="电工", work_type=None, level=4,
                         exam_start=EXAM, exam_end=EXAM, pass_marks={}, created_at=now)
        s.add(b)
        s.flush()
        ids = set()
        for i in range(n):
            sex = "男" if i % 3 else "女"
            id_no = synthetic_id_number(rng, "410102", sex)
            while id_no in ids:
                id_no = synthetic_id_number(rng, "410102", sex)
            ids.add(id_no)
            c = models.Candidate(batch_id=b.id, ticket_no=f"BN{i:06d}", name=f"考生{i:04d}", sex=sex, id_type="201",
                                 id_no=id_no, unit="郑州示例电力安装有限公司", room=f"第{i % 20 + 1}考场",
                                 seat=str(i % 30 + 1), photo=photos[i % 4])
            s.add(c)
            s.flush()
            for subject in ("theory", "practical"):
                s.add(rt.SubjectScore(candidate_id=c.id, subject=subject, score=str(rng.randint(45, 100)) + ".0",
                                      absent=False, source="bench", entered_by="admin", entered_at=now))
        s.add(rt.ResultReview(batch_id=b.id, stage="approved", signatures=[], reopened=[], approved_at=now))
        s.add(rt.Publication(batch_id=b.id, start_date=EXAM, workdays=7, end_date=EXAM, rows=[], status="closed",
                             created_by="admin", created_at=now))
        # what numbering needs on record (issue 18): filed scope, signed 内督 report, the 鉴定中心's review
        from app.store import rules_tables
        s.add(models.Setting(key="filed_scope", value=[{"occupation_code": "6-31-01-03", "occupation_name": "电工",
                                                        "work_type": "", "levels": [5, 4, 3]}]))
        s.add(rt.SupervisionReport(batch_id=b.id, scores={}, vetoes=[], opinion="", total=100, supervisor="neidu",
                                   supervisor_name="内督", signed_at=now))
        s.add(rules_tables.CenterReview(batch_id=b.id, reviewer="示例中心", reviewed_on=EXAM, reply_no="示鉴〔2026〕1号",
                                        imported=False, recorded_by="admin", recorded_at=now))
    ResultsService(ctx).set_machine_role("master")
    return handle, ctx


def median_of(fn, runs):
    times = []
    out = None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def bare_pages(path: Path, photos: list[bytes]):
    """The floor: one bare reportlab page per certificate with the holder's photo and one line."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from app.formats.pdf import register_font

    font = register_font()
    c = canvas.Canvas(str(path), pagesize=A4, pageCompression=1)
    for i, photo in enumerate(photos):
        c.setFont(font, 16)
        c.drawString(100, 700, f"职业技能等级证书 {i}")
        c.drawImage(ImageReader(io.BytesIO(photo)), 400, 600, 25 * mm, 35 * mm, preserveAspectRatio=True)
        c.showPage()
    c.save()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=2000)
    ap.add_argument("--certificates", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        handle, ctx = build(tmp / "site", a.candidates)
        print(f"setup: {a.candidates} candidates with photos and scores in {time.perf_counter() - t:.1f} s")
        try:
            base, _ = median_of(lambda: RosterService(ctx).candidates(PLAN), a.runs)
            comp, rows = median_of(lambda: ResultsService(ctx).results(PLAN), a.runs)
            passed = sum(r.passed for r in rows)
            print(f"read roster ({a.candidates}):            median {base * 1000:8.1f} ms  (baseline)")
            print(f"compute results ({a.candidates}):        median {comp * 1000:8.1f} ms  ratio {comp / base:5.2f}x  "
                  f"({passed} pass)")

            def allocate():
                with handle.store.write() as s:  # bench only: forget the previous run's certificates
                    s.execute(delete(rt.Certificate))
                return CertificateService(ctx).allocate(PLAN, dt.date(2026, 12, 10))

            alloc, out = median_of(allocate, a.runs)
            print(f"allocate numbers ({len(out)}):           median {alloc * 1000:8.1f} ms  "
                  f"({alloc / len(out) * 1e6:.0f} µs per number; last {out[-1][1]})")

            numbers = [n for _, n in out[:a.certificates]]
            with handle.store.read() as s:
                photos = [p for (p,) in s.execute(select(models.Candidate.photo).join(
                    rt.Certificate, rt.Certificate.candidate_id == models.Candidate.id)
                    .where(rt.Certificate.certificate_no.in_(numbers)))]
            floor, floor_cpu, renders, cpus = [], [], [], []
            for _ in range(a.runs):  # interleaved: the floor and the certificates see the same load
                t, c = time.perf_counter(), time.process_time()
                bare_pages(tmp / "base.pdf", photos)
                floor.append(time.perf_counter() - t)
                floor_cpu.append(time.process_time() - c)
                t, c = time.perf_counter(), time.process_time()
                n = CertificateService(ctx).render(PLAN, tmp / "certs.pdf", numbers=numbers)
                renders.append(time.perf_counter() - t)
                cpus.append(time.process_time() - c)
            pdf_base, render = statistics.median(floor), statistics.median(renders)
            size = (tmp / "certs.pdf").stat().st_size / 1e6
            print(f"bare page + photo ({len(photos)} pages):  median {pdf_base:8.2f} s   (floor; CPU "
                  f"{statistics.median(floor_cpu):.2f} s)")
            print(f"certificate PDFs ({n}, photo+signed QR): median {render:8.2f} s   ratio {render / pdf_base:5.1f}x  "
                  f"CPU {statistics.median(cpus):.2f} s  {size:.1f} MB  "
                  f"target ≤ 3 s: {'OK' if render <= 3 else 'MISSED'}")
        finally:
            handle.close()


if __name__ == "__main__":
    main()
