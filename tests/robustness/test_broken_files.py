"""Every importer and reader fed a corpus of broken files (issue 20 item 2, item 3).

Done means: "a clear one-line error for any input, never a traceback (a test feeds each of
them a corpus of broken files and fails on a traceback or on any row written)" and
limits on "file size, decompressed size, shared strings, rows, image pixels and bytes, QTI
manifest size" [issue 20].  House rule: "imports all-or-nothing with ImportRejected"
[COMMON.md].  In process here (every file × every importer); the CLI as a real process
in test_cli_corpus.py.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.errors import DomainError
from app.formats import limits
from app.store import models
from tests.robustness import corpus

SMALL_LIMITS = {"EXAMSITE_LIMIT_SHARED_STRINGS_BYTES": "100000", "EXAMSITE_LIMIT_ROWS": "100",
                "EXAMSITE_LIMIT_MANIFEST_BYTES": "100000"}


@pytest.fixture
def small_limits(monkeypatch):
    for k, v in SMALL_LIMITS.items():
        monkeypatch.setenv(k, v)
    limits.reload()
    yield limits.current()
    monkeypatch.undo()
    limits.reload()


def row_count(site) -> int:
    """Every row of every table, and every journal entry but a login's (a CLI command logs in,
    and closing the site signs a journal checkpoint: neither is the import writing)."""
    with site.store.read() as s:
        n = sum(s.scalar(select(func.count()).select_from(t)) for t in models.Base.metadata.sorted_tables
                if t.name not in ("journal", "journal_checkpoint"))
        return n + s.scalar(select(func.count()).select_from(models.JournalEntry)
                            .where(models.JournalEntry.action.not_like("auth.%")))


def one_line(exc: BaseException) -> str:
    text = str(exc)
    assert text and "\n" not in text and "Traceback" not in text, text
    return text


def _feed(site, files, call):
    """Each file: a DomainError with one line, or (for a file that is in fact readable) success; never
    another exception, and no row written when refused."""
    outcomes = {}
    for name, path in files.items():
        before = row_count(site)
        try:
            call(path)
        except DomainError as exc:
            outcomes[name] = one_line(exc)
            assert row_count(site) == before, f"{name}: rows written by a refused import"
        else:
            outcomes[name] = "imported"
    return outcomes


def test_table_importers_refuse_every_broken_file_in_one_line(site, admin, tmp_path, small_limits):
    from app.services.checkin import BanImportService
    from app.services.roster import RosterService
    from app.services.theory import BankService

    files = corpus.table_corpus(tmp_path / "c")
    importers = {
        "roster": lambda p: RosterService(admin).import_roster(p),
        "bans": lambda p: BanImportService(admin).import_file(p),
        "bank": lambda p: BankService(admin).import_xlsx(p, "6-31-01-03", 4),
    }
    for importer, call in importers.items():
        outcomes = _feed(site, {k: v for k, v in files.items() if k != "xlsx-named-xls"}, call)
        assert "imported" not in outcomes.values(), (importer, outcomes)
    roster = _feed(site, files, importers["roster"])
    assert "找不到" in roster["missing"] and "文件夹" in roster["directory"] and "空文件" in roster["empty"]
    assert "网页" in roster["html-as-xls"] and "sharedStrings" in roster["shared-strings-bomb"]
    assert "100 行" in roster["too-many-rows"] and "⁴级²" in roster["superscript-level"]
    assert "不支持的文件类型" in roster["pdf"]
    assert roster["xlsx-named-xls"] == "imported"  # an .xlsx saved under .xls is read by its content


def test_scoring_template_importer_refuses_broken_tables(site, admin, tmp_path, small_limits):
    from app.services.roster import RosterService
    from app.services.scoring import ScoringSetupService

    RosterService(admin).import_roster(corpus.table_corpus(tmp_path / "c")["xlsx-named-xls"])
    files = corpus.table_corpus(tmp_path / "c2")
    files.pop("xlsx-named-xls")
    outcomes = _feed(site, files, lambda p: ScoringSetupService(admin).import_template("2026-DG-0001", p))
    assert "imported" not in outcomes.values()


def test_qti_importer_refuses_broken_packages(site, admin, tmp_path, small_limits):
    from app.services.theory import BankService

    files = corpus.qti_corpus(tmp_path / "q")
    outcomes = _feed(site, files, lambda p: BankService(admin).import_qti(p, "6-31-01-03", 4))
    assert "imported" not in outcomes.values(), outcomes
    assert "损坏" in outcomes["qti-bad-crc"]
    assert "maxChoices" in outcomes["qti-non-numeric-maxchoices"]
    assert "实体" in outcomes["qti-entity-expansion"]
    assert "imsmanifest.xml" in outcomes["qti-manifest-too-big"] and "上限" in outcomes["qti-manifest-too-big"]
    assert "像素过多" in outcomes["qti-image-bomb"]
    assert "类型" in outcomes["qti-image-type"]


def test_answer_pack_reader_refuses_malformed_packs(site, admin, tmp_path):
    from app.services.net import NetService

    outcomes = _feed(site, corpus.pack_corpus(tmp_path / "p"), lambda p: NetService(admin).import_pack(p))
    assert "imported" not in outcomes.values(), outcomes
    assert "头部" in outcomes["pack-header-list"] and "头部" in outcomes["pack-header-string"]


def test_photo_bomb_is_refused_before_decoding(site, admin, tmp_path):
    """A 30000×30000 PNG is 2.7 GB decoded: refused from its header."""
    from app.services.roster import RosterService

    roster = corpus.table_corpus(tmp_path / "c")["xlsx-named-xls"]
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "DG0001.png").write_bytes(corpus.tiny_png(30000, 30000))
    before = row_count(site)
    with pytest.raises(DomainError) as info:
        RosterService(admin).import_roster(roster, photos)
    assert "像素过多" in one_line(info.value) and row_count(site) == before
    assert limits.image_problem(corpus.tiny_png(600, 800)) is None
    assert "6000×6000" in limits.image_problem(corpus.tiny_png(6000, 6000))  # under Pillow's guard, over ours


def test_limits_are_configurable_and_named(monkeypatch):
    monkeypatch.setenv("EXAMSITE_LIMIT_ROWS", "7")
    monkeypatch.setenv("EXAMSITE_LIMIT_FILE_MB", "3")
    monkeypatch.setenv("EXAMSITE_LIMIT_ERRORS_LISTED", "not-a-number")
    try:
        got = limits.reload()
        assert (got.rows, got.file_bytes, got.errors_listed) == (7, 3 * 1024 * 1024, 200)
    finally:
        monkeypatch.undo()
        limits.reload()
    assert limits.current().rows == 100_000
