
import pytest
from openpyxl import load_workbook

from app.core.errors import ImportRejected
from app.services.demo import demo_roster
from app.services.roster import RosterService
from app.services.site import SiteService


def _roster(tmp_path, n=12):
    import datetime as dt
    return demo_roster(tmp_path, n, 3, dt.date(2026, 12, 5))


def test_bad_id_number_imports_nothing_then_fixed_imports_all(admin, tmp_path):
    path = _roster(tmp_path)
    wb = load_workbook(path)
    ws = wb["考生名册"]
    good = ws["F5"].value
    ws["F5"] = good[:-1] + ("0" if good[-1] != "0" else "1")  # break the check digit of row 5
    wb.save(path)
    svc = RosterService(admin)
    with pytest.raises(ImportRejected) as err:
        svc.import_roster(path, tmp_path / "photos")
    assert [(e.sheet, e.row, e.column) for e in err.value.errors] == [("考生名册", 5, "证件号码")]
    assert SiteService(admin).counts() == {"batches": 0, "candidates": 0, "staff": 1}
    ws["F5"] = good
    wb.save(path)
    result = svc.import_roster(path, tmp_path / "photos")
    assert result.candidates == 12 and result.photos == 12 and result.missing_photos == []
    assert len(svc.candidates()) == 12
    assert svc.photo(svc.candidates()[0].ticket_no)[:2] == b"\xff\xd8"  # JPEG


def test_reimport_is_refused_as_duplicate(admin, tmp_path):
    path = _roster(tmp_path, 3)
    svc = RosterService(admin)
    svc.import_roster(path)
    with pytest.raises(ImportRejected) as err:
        svc.import_roster(path)
    assert "已导入过" in str(err.value)


def test_unreadable_photo_rejects_the_import(admin, tmp_path):
    path = _roster(tmp_path, 3)
    (tmp_path / "photos" / "DG26040002.jpg").write_bytes(b"not an image")
    with pytest.raises(ImportRejected) as err:
        RosterService(admin).import_roster(path, tmp_path / "photos")
    assert err.value.errors[0].row == 3 and err.value.errors[0].column == "照片"
    assert SiteService(admin).counts()["candidates"] == 0


def test_not_an_excel_file(admin, tmp_path):
    bad = tmp_path / "roster.xlsx"
    bad.write_text("hello")
    with pytest.raises(ImportRejected) as err:
        RosterService(admin).import_roster(bad)
    assert "无法读取" in str(err.value)


def test_import_is_journaled(admin, tmp_path, site):
    RosterService(admin).import_roster(_roster(tmp_path, 4))
    from app.services.journal import JournalService
    actions = [e.action for e in JournalService(admin).recent()]
    assert "roster.import" in actions and "batch.create" in actions
    assert site.store.journal.verify().ok
