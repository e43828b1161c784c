"""Bank import (xlsx, QTI), blueprint, sealing under two keys and the two-person unlock,
on the real SQLCipher demo store."""

from __future__ import annotations

import datetime as _dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.core.errors import Conflict, DomainError, ImportRejected, PermissionDenied
from app.formats.bank_xlsx import write_bank
from app.services.demo import DEMO_PLAN
from app.services.theory import BankService, PaperService
from app.store import models
from app.store import theory_tables as tt
from tests.theory_support import LEVEL, OCC, PASSWORDS, FixedClock, make_questions, prepare_exam


def _count(demo, table):
    with demo.store.read() as s:
        return s.scalar(select(func.count()).select_from(table))


def test_xlsx_import_warns_under_600_and_journals(demo, demo_login, tmp_path):
    path = tmp_path / "bank.xlsx"
    write_bank(path, make_questions())
    res = BankService(demo_login("admin")).import_xlsx(path, OCC, LEVEL)
    assert res.imported == 75 and res.bank_size == 75
    assert "少于规定的 600 题" in res.warning
    summary = BankService(demo_login("kaowu")).summary(OCC, LEVEL)
    assert summary.size == 75 and summary.by_type == {"判断题": 30, "单选题": 30, "多选题": 15}
    assert not any("题干" in str(v) for v in (summary.by_kp, summary.by_type))
    with demo.store.read() as s:
        entry = s.scalars(select(models.JournalEntry).where(models.JournalEntry.action == "bank.import")).one()
        assert "Q00001" not in entry.payload
    with pytest.raises(PermissionDenied):
        BankService(demo_login("kaowu")).import_xlsx(path, OCC, LEVEL)


def test_xlsx_import_is_all_or_nothing_with_row_and_column(demo, demo_login, tmp_path):
    path = tmp_path / "bank.xlsx"
    write_bank(path, make_questions())
    wb = load_workbook(path)
    ws = wb["试题"]
    ws["B5"] = "问答"       # row 5: unknown type
    ws["L9"] = "Z"          # row 9: answer not an option (column 答案 is L)
    ws["N12"] = 9           # row 12: difficulty out of range
    ws["A20"] = ws["A3"].value  # row 20: duplicate code
    wb.save(path)
    with pytest.raises(ImportRejected) as info:
        BankService(demo_login("admin")).import_xlsx(path, OCC, LEVEL)
    where = {(e.row, e.column) for e in info.value.errors}
    assert {(5, "题型"), (9, "答案"), (12, "难度"), (20, "试题编号")} <= where
    assert "第 5 行「题型」列" in str(info.value.errors[0]) or any("第 5 行「题型」列" in str(e) for e in info.value.errors)
    assert _count(demo, tt.Question) == 0 and _count(demo, tt.BankImport) == 0


def test_second_import_with_existing_code_is_refused(demo, demo_login, tmp_path):
    path = tmp_path / "bank.xlsx"
    write_bank(path, make_questions())
    svc = BankService(demo_login("admin"))
    svc.import_xlsx(path, OCC, LEVEL)
    with pytest.raises(ImportRejected, match="已在题库中"):
        svc.import_xlsx(path, OCC, LEVEL)
    assert _count(demo, tt.Question) == 75


def test_qti_export_then_import_gives_the_same_questions(demo, demo_login, tmp_path):
    qs = make_questions()
    path = tmp_path / "bank.xlsx"
    write_bank(path, qs)
    svc = BankService(demo_login("admin"))
    svc.import_xlsx(path, OCC, LEVEL)
    out = tmp_path / "bank-qti.zip"
    assert svc.export_qti(OCC, LEVEL, out) == 75
    svc.import_qti(out, OCC, 3)
    from app.services.theory import load_bank

    with demo.store.read() as s:
        back = sorted(load_bank(s, OCC, 3), key=lambda q: q.code)
    assert back == sorted(qs, key=lambda q: q.code)
    assert any(o.fixed for q in back for o in q.options)


def test_seal_needs_two_custodians_and_shows_nothing(demo, demo_login, tmp_path):
    prepare_exam(demo, demo_login, tmp_path, unlock=False)
    status = PaperService(demo_login("jiankao1")).status(DEMO_PLAN)
    assert status.sealed and not status.unlocked and status.custodians == ("王立新", "李静")
    assert not any("题干" in str(v) for v in status.__dict__.values())
    with demo.store.read() as s:
        seal = s.scalars(select(tt.PaperSeal)).one()
        assert seal.paper_key is None and "题干".encode() not in seal.sealed
    papers = PaperService(demo_login("admin"))
    with pytest.raises(DomainError, match="两名不同"):
        papers.seal(DEMO_PLAN, [("admin", PASSWORDS["admin"]), ("admin", PASSWORDS["admin"])])
    with pytest.raises(PermissionDenied, match="身份验证失败"):
        papers.seal(DEMO_PLAN, [("admin", PASSWORDS["admin"]), ("kaowu", "wrong-password")])


def test_unlock_needs_both_custodians_in_the_window(demo, demo_login, tmp_path):
    prepare_exam(demo, demo_login, tmp_path, unlock=False)
    ctx = demo_login("kaochang")
    ctx.clock = demo.clock
    papers = PaperService(ctx)
    with pytest.raises(PermissionDenied, match="共同解封"):
        papers.unlock(DEMO_PLAN, [("kaowu", PASSWORDS["kaowu"]), ("kaochang", PASSWORDS["kaochang"])])
    with pytest.raises(PermissionDenied, match="密码错误"):
        papers.unlock(DEMO_PLAN, [("kaowu", PASSWORDS["kaowu"]), ("admin", "Demo-kaowu-2026")])
    early = demo_login("kaochang")
    early.clock = FixedClock(demo.clock.now() - _dt.timedelta(days=3))
    with pytest.raises(DomainError, match="时间窗口"):
        PaperService(early).unlock(DEMO_PLAN, [("kaowu", PASSWORDS["kaowu"]), ("admin", PASSWORDS["admin"])])
    assert not papers.status(DEMO_PLAN).unlocked
    st = papers.unlock(DEMO_PLAN, [("kaowu", PASSWORDS["kaowu"]), ("admin", PASSWORDS["admin"])])
    assert st.unlocked and set(st.unlocked_by) == {"李静", "王立新"}
    with demo.store.read() as s:
        actions = [e.action for e in s.scalars(select(models.JournalEntry).where(
            models.JournalEntry.action.like("papers.unlock%")).order_by(models.JournalEntry.seq))]
        ok = s.scalars(select(models.JournalEntry).where(models.JournalEntry.action == "papers.unlock")).one()
    assert actions == ["papers.unlock_refused"] * 3 + ["papers.unlock"]
    assert "李静" in ok.payload and "王立新" in ok.payload
    with pytest.raises(Conflict):
        PaperService(demo_login("admin")).seal(DEMO_PLAN, [("admin", PASSWORDS["admin"]),
                                                         ("kaowu", PASSWORDS["kaowu"])])


def _png(color) -> bytes:
    import cv2
    import numpy as np

    img = np.full((20, 30, 3), color, np.uint8)
    return cv2.imencode(".png", img)[1].tobytes()


def test_images_travel_from_xlsx_through_qti(demo, demo_login, tmp_path):
    import dataclasses
    import zipfile

    qs = make_questions()
    qs[40] = dataclasses.replace(qs[40], image="circuit.png")
    path = tmp_path / "bank.xlsx"
    write_bank(path, qs)
    svc = BankService(demo_login("admin"))
    with pytest.raises(ImportRejected) as info:
        svc.import_xlsx(path, OCC, LEVEL)
    assert [(e.row, e.column) for e in info.value.errors] == [(42, "图片")]
    (tmp_path / "images").mkdir()
    png = _png((0, 0, 255))
    (tmp_path / "images" / "circuit.png").write_bytes(png)
    svc.import_xlsx(path, OCC, LEVEL)
    out = tmp_path / "qti.zip"
    svc.export_qti(OCC, LEVEL, out)
    with zipfile.ZipFile(out) as z:
        assert z.read("items/images/circuit.png") == png
    svc.import_qti(out, OCC, 2)
    with demo.store.read() as s:
        imgs = {(r.level, r.name): r.data for r in s.scalars(select(tt.BankImage))}
    assert imgs == {(LEVEL, "circuit.png"): png, (2, "circuit.png"): png}
