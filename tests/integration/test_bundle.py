"""The sealed export bundle on a real demo site: export, countersign, verify, bagit, history,
corrections, personal keys, provider slots, and the tamper cases of issue 9."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import bagit
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app import verifier
from app.core import bundle as layout
from app.core.errors import Conflict, DomainError, PermissionDenied
from app.core.journal import key_id
from app.formats import bundle as writer
from app.services import bundle as svc
from app.services.bundle import ExportService
from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN, DEMO_STAFF
from app.services.site import open_site


@pytest.fixture
def demo(demo):
    """The demo site with its 内部督导情况报告 signed: an export needs it (issue 18 item 7)."""
    from tests.conftest import sign_supervision_report
    sign_supervision_report(demo)
    return demo


PW = {u: p for u, _, _, p, _ in DEMO_STAFF}
ROOT = Path(__file__).resolve().parents[2]


def _export(handle, out: Path, countersign: bool = True, **kw):
    admin = handle.login("admin", PW["admin"])
    view = ExportService(admin).make(out, PW["admin"], **kw)
    if countersign:
        sup = handle.login("neidu", PW["neidu"])
        view = ExportService(sup).countersign(view.seq, out, PW["neidu"])
    return view, layout.parse_trust(ExportService(admin).public_keys(), key_id)


@pytest.fixture(scope="module")
def sealed(_demo_template, tmp_path_factory):
    """One demo site, one sealed and countersigned bundle, and its trust file (shared, read-only)."""
    root = tmp_path_factory.mktemp("sealed")
    shutil.copytree(_demo_template, root / "site")
    handle = open_site(root / "site", DEMO_PASSPHRASE)
    try:
        from tests.conftest import sign_supervision_report
        sign_supervision_report(handle)
        view, trust = _export(handle, root / "bundle.zip")
        (root / "trust.txt").write_text(layout.trust_text(trust), encoding="utf-8")
    finally:
        handle.close()
    return root / "bundle.zip", trust, view


# -- helpers to take a bundle apart and put it back -------------------------------------------
def _members(path: Path) -> tuple[str, dict[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        top = names[0].split("/")[0]
        return top, {n.split("/", 1)[1]: zf.read(n) for n in names}


def _zip(top: str, members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel, data in members.items():
            zf.writestr(f"{top}/{rel}", data)
    return buf.getvalue()


def _reseal(top: str, members: dict[str, bytes], tmp: Path, keys: dict[str, Ed25519PrivateKey]) -> bytes:
    """What a forger with their own keys does: rewrite every manifest and sign again."""
    bag = tmp / top
    shutil.rmtree(bag, ignore_errors=True)
    for rel, data in members.items():
        if rel.startswith("data/"):
            (bag / rel).parent.mkdir(parents=True, exist_ok=True)
            (bag / rel).write_bytes(data)
    info = [tuple(x.strip() for x in ln.split(":", 1)) for ln in members["bag-info.txt"].decode().splitlines()
            if not ln.startswith("Payload-Oxum")]
    files = writer.payload_files(bag / "data")
    digests, sizes = {}, {}
    for rel in files:
        digests[rel], sizes[rel] = writer.hash_file(bag / rel)
    signed = writer.write_tag_files(bag, info, digests, sizes)
    signers = []
    for role, k in keys.items():
        raw = k.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        signers.append((role, key_id(raw), "forger", k.sign))
    writer.sign_into(bag, signed, signers)
    out = {}
    for p in sorted(bag.rglob("*")):
        if p.is_file():
            out[p.relative_to(bag).as_posix()] = p.read_bytes()
    return _zip(top, out)


# -- the happy path -----------------------------------------------------------------------------
def test_untouched_bundle_passes_and_bagit_validates(sealed, tmp_path):
    path, trust, view = sealed
    report = verifier.verify_file(path, trust)
    assert report.ok, report.fault
    assert {r for r, _, _ in report.signers} == {"site", "admin", "internal_supervisor"}
    assert report.journal_entries == report.journal_checkpoint > 0
    assert report.info["ExamSite-Batch"] == DEMO_PLAN and report.info["ExamSite-Export-Seq"] == "1"
    assert report.info["Source-Organization"] == "河南示例职业技能等级认定中心"
    assert report.info["External-Identifier"].endswith(f"/{DEMO_PLAN}/1")
    assert report.info["ExamSite-Supersedes"] == "none"
    assert report.tagmanifest_sha256 == view.tagmanifest_sha256
    with zipfile.ZipFile(path) as zf:
        zf.extractall(tmp_path)
    bag = bagit.Bag(str(tmp_path / report.bag_name))
    bag.validate()  # raises BagValidationError on any fault
    assert bag.is_valid()
    # And bagit notices a change too (so the check above could fail).
    target = tmp_path / report.bag_name / "data" / "candidates" / "candidates.json"
    target.write_bytes(target.read_bytes().replace(b"ticket_no", b"ticket_nO", 1))
    assert not bagit.Bag(str(tmp_path / report.bag_name)).is_valid()
    # The SM3 manifest is really SM3 of each file.
    top, m = _members(path)
    for line in m["manifest-sm3.txt"].decode().splitlines():
        digest, rel = line.split("  ", 1)
        h = verifier.new_hasher("sm3")
        h.update(m[rel])
        assert h.hexdigest() == digest


def test_bundle_contents_and_no_photos_by_default(sealed):
    path, trust, _ = sealed
    _, m = _members(path)
    payload = sorted(p for p in m if p.startswith("data/"))
    assert payload == ["data/batch/batch.json", "data/build/build.json", "data/camera/segments.json",
                       "data/candidates/candidates.json",
                       "data/journal/checkpoints.jsonl", "data/journal/journal-checkpoints.log",
                       "data/journal/journal.jsonl", "data/keys/public-keys.txt", "data/misconduct/records.json",
                       "data/practical/sheets.json", "data/results/results.json", "data/staff/assignments.json",
                       "data/supervision/readiness.json", "data/supervision/report.json",
                       "data/supervision/内部质量督导报告.pdf", "data/supervision/内部质量督导报告.xlsx",
                       "data/theory/answers.jsonl", "data/theory/papers.jsonl",
                       "data/theory/sealed-paper.json"]
    cands = json.loads(m["data/candidates/candidates.json"])["candidates"]
    assert len(cands) == 40 and all(c["has_photo"] for c in cands)
    build = json.loads(m["data/build/build.json"])
    assert build["build_sha256"] == svc.build_hash()[1] and build["version"]
    roles = {a["role"] for a in json.loads(m["data/staff/assignments.json"])["assignments"]}
    assert {"grader", "internal_supervisor", "proctor"} <= roles
    journal = [json.loads(x) for x in m["data/journal/journal.jsonl"].decode().splitlines()]
    actions = [e["action"] for e in journal]
    assert "export.begin" in actions and "staff_key.create" in actions
    # Nothing secret: no private key material, no password hashes.
    blob = b"".join(m.values())
    assert b"argon2id$" not in blob and b"sealed_private" not in blob


# -- the tamper cases ---------------------------------------------------------------------------
def _flip(data: bytes) -> bytes:
    if not data:  # an empty file (e.g. theory answers not yet on the master): add a byte
        return b"\n"
    b = bytearray(data)
    i = len(b) // 2
    b[i] = b[i] ^ 0x01 if 0x21 <= b[i] < 0x7e else (b[i] + 1) % 256
    return bytes(b)


def test_one_byte_changed_in_each_file_fails_naming_that_file(sealed):
    path, trust, _ = sealed
    top, m = _members(path)
    reasons = {}
    for rel in sorted(m):
        changed = dict(m)
        changed[rel] = _flip(m[rel])
        report = verifier.verify_bytes(_zip(top, changed), trust)
        assert not report.ok, rel
        reasons[rel] = report.fault
        name = rel if rel.startswith("data/") else rel.split("/")[-1]
        assert name in report.fault or (rel == layout.SIGNED_FILE and "签名无效" in report.fault), (rel, report.fault)
    assert len(set(reasons.values())) == len(reasons), reasons


def test_structural_tampering_each_fails_with_a_distinct_reason(sealed, tmp_path):
    path, trust, _ = sealed
    top, m = _members(path)
    blob = path.read_bytes()
    data_file = "data/candidates/candidates.json"
    cases: dict[str, bytes] = {}
    cases["delete"] = _zip(top, {k: v for k, v in m.items() if k != data_file})
    cases["add"] = _zip(top, {**m, "data/extra.txt": b"hello"})
    cases["add_tag"] = _zip(top, {**m, "notes.txt": b"unsigned note"})
    renamed = {k: v for k, v in m.items() if k != data_file}
    renamed["data/candidates/candidates-old.json"] = m[data_file]
    cases["rename"] = _zip(top, renamed)
    manifest = m["manifest-sha256.txt"].decode().splitlines()
    manifest[0] = "0" * 64 + manifest[0][64:]
    cases["edit_manifest"] = _zip(top, {**m, "manifest-sha256.txt": ("\n".join(manifest) + "\n").encode()})
    sigs = sorted(k for k in m if k.startswith("signatures/"))
    admin_sig = next(k for k in sigs if "/admin-" in k)
    sup_sig = next(k for k in sigs if "/internal_supervisor-" in k)
    swapped = json.loads(m[admin_sig])
    swapped["signature"] = json.loads(m[sup_sig])["signature"]
    cases["swap_signature"] = _zip(top, {**m, admin_sig: json.dumps(swapped).encode()})
    forged = dict(m)
    forged[data_file] = m[data_file].replace("第1考场".encode(), "第9考场".encode())
    forged = {k: v for k, v in forged.items() if not k.startswith("signatures/")}
    cases["untrusted_resign"] = _reseal(top, forged, tmp_path,
                                        {r: Ed25519PrivateKey.generate() for r in layout.REQUIRED_SIGNERS})
    cases["truncated_zip"] = blob[: len(blob) * 2 // 3]
    cases["no_countersign"] = _zip(top, {k: v for k, v in m.items() if k != sup_sig})
    cases["second_bag_dir"] = _two_tops(top, m)
    reasons = {}
    for name, data in cases.items():
        report = verifier.verify_bytes(data, trust)
        assert not report.ok, name
        reasons[name] = report.fault
    assert "缺失" in reasons["delete"] and data_file in reasons["delete"]
    assert "多出文件：data/extra.txt" in reasons["add"]
    assert "notes.txt" in reasons["add_tag"]
    assert "改名" in reasons["rename"] and "candidates-old.json" in reasons["rename"]
    assert "manifest-sha256.txt" in reasons["edit_manifest"]
    assert "签名无效" in reasons["swap_signature"] and "admin" in reasons["swap_signature"]
    assert "不在信任文件中" in reasons["untrusted_resign"]
    assert "截断" in reasons["truncated_zip"]
    assert "缺少签名" in reasons["no_countersign"] and "内部质量督导员" in reasons["no_countersign"]
    assert "顶层" in reasons["second_bag_dir"]
    assert len(set(reasons.values())) == len(reasons), reasons
    # The untouched bundle still passes after all that.
    assert verifier.verify_bytes(blob, trust).ok


def _two_tops(top: str, m: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for rel, data in m.items():
            zf.writestr(f"{top}/{rel}", data)
        zf.writestr("other/bagit.txt", layout.BAGIT_TXT)
    return buf.getvalue()


def test_trust_file_of_another_site_refuses(sealed, tmp_path):
    path, trust, _ = sealed
    other = layout.TrustFile("another-site", "别的中心", trust.keys)
    report = verifier.verify_file(path, other)
    assert not report.ok and "another-site" in report.fault


# -- the offline verifier as a clerk runs it -----------------------------------------------------
def test_verifier_never_imports_qt_sqlcipher_or_sqlalchemy(sealed):
    path, _, _ = sealed
    trust_file = path.parent / "trust.txt"
    probe = ("import sys, runpy\n"
             "mode = sys.argv[3]\n"
             "sys.argv = ['x', 'verify', sys.argv[1], '--trust', sys.argv[2]] if mode == 'cli' else "
             "['x', sys.argv[1], '--trust', sys.argv[2]]\n"
             "mod = 'app' if mode == 'cli' else 'app.verifier'\n"
             "try:\n"
             "    runpy.run_module(mod, run_name='__main__')\n"
             "except SystemExit as e:\n"
             "    code = e.code\n"
             "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'sqlcipher3', "
             "'sqlalchemy', 'alembic', 'cv2', 'sqlite3'))\n"
             "print('EXIT', code, 'BAD', bad)\n")
    for mode in ("module", "cli"):
        r = subprocess.run([sys.executable, "-c", probe, str(path), str(trust_file), mode], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
        assert "EXIT 0 BAD []" in r.stdout, (mode, r.stdout, r.stderr)
        assert "校验通过" in r.stdout


def test_verifier_exit_code_and_one_line_on_fault(sealed, tmp_path):
    path, _, _ = sealed
    bad = tmp_path / "bad.zip"
    bad.write_bytes(path.read_bytes()[:-100])
    r = subprocess.run([sys.executable, "-m", "app.verifier", str(bad), "--trust", str(path.parent / "trust.txt")],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1 and "截断" in r.stderr


# -- history, countersign, corrections ----------------------------------------------------------
def test_history_statuses_and_journal(demo, tmp_path):
    out = tmp_path / "b.zip"
    admin = demo.login("admin", PW["admin"])
    service = ExportService(admin)
    view = service.make(out, PW["admin"])
    assert view.status == "made" and view.signers == ("site", "admin")
    with pytest.raises(DomainError, match="尚未校验"):
        service.copy_to(view.seq, out, tmp_path)
    report = service.verify(view.seq, out)
    assert not report.ok and "缺少签名" in report.fault  # not countersigned yet
    assert service.history()[0].status == "made"
    sup = ExportService(demo.login("neidu", PW["neidu"]))
    with pytest.raises(PermissionDenied, match="密码错误"):
        sup.countersign(view.seq, out, "wrong-password")
    sup.countersign(view.seq, out, PW["neidu"])
    with pytest.raises(Conflict, match="已会签"):
        sup.countersign(view.seq, out, PW["neidu"])
    assert sup.verify(view.seq, out).ok
    assert service.history()[0].status == "verified"
    usb = tmp_path / "usb"
    usb.mkdir()
    v = service.copy_to(view.seq, out, usb)
    assert v.status == "copied" and (usb / out.name).read_bytes() == out.read_bytes()
    with pytest.raises(DomainError, match="回执"):
        service.acknowledge(view.seq, " ")
    v = service.acknowledge(view.seq, "省平台回执 2026-1122-0001")
    assert v.status == "acknowledged"
    actions = [e.action for e in demo.store.journal.entries(demo.store.read().__enter__())]
    for a in ("export.begin", "export.made", "auth.reauth_failed", "export.countersign", "export.verify",
              "export.copy", "export.acknowledge"):
        assert a in actions, a
    assert demo.store.journal.verify().ok
    # A file that is not this export is refused before anything is signed.
    other = tmp_path / "other.zip"
    service.make(other, PW["admin"])
    with pytest.raises(DomainError, match="不是第 1 号"):
        service.verify(view.seq, other)


def test_countersign_only_by_the_batch_supervisor(demo, tmp_path):
    out = tmp_path / "b.zip"
    ExportService(demo.login("admin", PW["admin"])).make(out, PW["admin"])
    with pytest.raises(PermissionDenied):
        ExportService(demo.login("waidu", PW["waidu"])).countersign(1, out, PW["waidu"])
    from app.services.staff import StaffService
    StaffService(demo.login("admin", PW["admin"])).add("neidu2", "钱内督", "Neidu-two-2026", ["internal_supervisor"],
                                                      card_no="S010123260002")
    with pytest.raises(PermissionDenied, match="未被指定"):
        ExportService(demo.login("neidu2", "Neidu-two-2026")).countersign(1, out, "Neidu-two-2026")


def test_correction_bundle_supersedes_the_earlier_one(demo, tmp_path):
    admin = ExportService(demo.login("admin", PW["admin"]))
    first = admin.make(tmp_path / "1.zip", PW["admin"])
    with pytest.raises(DomainError, match="更正原因"):
        admin.make(tmp_path / "2.zip", PW["admin"], supersedes=first.seq)
    second = admin.make(tmp_path / "2.zip", PW["admin"], supersedes=first.seq, reason="更正第3号考生的座号")
    assert second.seq == first.seq + 1 and second.supersedes_seq == first.seq
    hist = {v.seq: v for v in admin.history()}
    assert hist[first.seq].superseded_by == second.seq
    with pytest.raises(Conflict, match="已被第 2 号取代"):
        admin.make(tmp_path / "3.zip", PW["admin"], supersedes=first.seq, reason="再次更正")
    _, m = _members(tmp_path / "2.zip")
    info = layout.parse_bag_info(m["bag-info.txt"])
    assert info["ExamSite-Supersedes"] == f"{first.external_id} sha256:{first.tagmanifest_sha256}"
    assert info["ExamSite-Export-Seq"] == "2" and "座号" in info["ExamSite-Correction-Reason"]


def test_personal_key_sealed_and_replaced_after_password_reset(demo, tmp_path):
    from sqlalchemy import select

    from app.services.staff import StaffService
    from app.store.bundle_tables import StaffKey

    admin_ctx = demo.login("admin", PW["admin"])
    ExportService(admin_ctx).make(tmp_path / "1.zip", PW["admin"])
    with demo.store.read() as s:
        (row,) = s.scalars(select(StaffKey)).all()
        first_kid, sealed_blob, _pub = row.key_id, row.sealed_private, row.public_key
    assert len(sealed_blob) == 12 + 32 + 16  # nonce + Ed25519 seed + GCM tag: no plain key
    # Reusing the key: the same key id signs the second export.
    ExportService(admin_ctx).make(tmp_path / "2.zip", PW["admin"])
    with demo.store.read() as s:
        assert len(s.scalars(select(StaffKey)).all()) == 1
    # A reset password cannot open the old sealed key: it is retired, a new one made, both stay public.
    StaffService(admin_ctx).reset_password("admin", "Admin-new-2026")
    admin2 = demo.login("admin", "Admin-new-2026")
    ExportService(admin2).make(tmp_path / "3.zip", "Admin-new-2026")
    with demo.store.read() as s:
        rows = s.scalars(select(StaffKey).order_by(StaffKey.id)).all()
        assert [r.active for r in rows] == [False, True]
    trust = layout.parse_trust(ExportService(admin2).public_keys(), key_id)
    assert {first_kid, rows[1].key_id} <= set(trust.by_id())
    _, m = _members(tmp_path / "3.zip")
    assert any(rows[1].key_id in k for k in m if k.startswith("signatures/admin-"))


def test_only_batch_needs_no_flag_but_two_need_one(demo, tmp_path):
    admin = ExportService(demo.login("admin", PW["admin"]))
    assert admin.make(tmp_path / "a.zip", PW["admin"]).plan_no == DEMO_PLAN
    from app.store import models
    import datetime as dt
    with demo.store.write() as s:
        s.add(models.Batch(plan_no="2026-41-DG-0002", occupation_code="6-31-01-03", occupation_name="电工", level=3,
                           exam_start=dt.date(2026, 12, 1), exam_end=dt.date(2026, 12, 1),
                           created_at=dt.datetime.now(dt.timezone.utc)))
    with pytest.raises(DomainError, match="请用 --batch"):
        admin.make(tmp_path / "b.zip", PW["admin"])


# -- provider slots -------------------------------------------------------------------------------
@contextlib.contextmanager
def _swapped(**providers):
    """Replace (or, with None, remove) providers for one test and put the real ones back."""
    saved = {n: svc.PROVIDERS.get(n) for n in providers}
    for n, fn in providers.items():
        if fn is None:
            svc.unregister_provider(n)
        else:
            svc.register_provider(n, fn)
    try:
        yield
    finally:
        for n, old in saved.items():
            if old is None:
                svc.unregister_provider(n)
            else:
                svc.PROVIDERS[n] = old


def _theory_providers(score_of_a2: str):
    def theory(ctx, plan_no, folder):
        (folder / "theory").mkdir()
        (folder / layout.THEORY_PAPERS).write_text(json.dumps({"paper_id": "P1", "seed": 99, "questions": [
            {"qid": "Q1", "type": "single", "answer": ["A"], "points": "50"},
            {"qid": "Q2", "type": "multiple", "answer": ["B", "D"], "points": "50"}]}) + "\n", encoding="utf-8")
        (folder / layout.THEORY_ANSWERS).write_text(
            json.dumps({"ticket_no": "DG26040001", "paper_id": "P1",
                        "answers": [{"qid": "Q1", "chosen": ["A"]}, {"qid": "Q2", "chosen": ["D", "B"]}]}) + "\n"
            + json.dumps({"ticket_no": "DG26040002", "paper_id": "P1",
                          "answers": [{"qid": "Q1", "chosen": ["A"]}, {"qid": "Q2", "chosen": ["B"]}]}) + "\n",
            encoding="utf-8")
        return [layout.THEORY_PAPERS, layout.THEORY_ANSWERS]

    def results(ctx, plan_no, folder):
        (folder / "results").mkdir()
        (folder / layout.RESULTS_JSON).write_text(json.dumps({"plan_no": plan_no, "candidates": [
            {"ticket_no": "DG26040001", "theory": "100"}, {"ticket_no": "DG26040002", "theory": score_of_a2},
            {"ticket_no": "DG26040003", "theory": None}]}), encoding="utf-8")
        return [layout.RESULTS_JSON]

    return theory, results


@pytest.mark.parametrize("score, ok", [("50", True), ("100", False)])
def test_theory_recomputed_from_provider_files(demo, tmp_path, score, ok):
    theory, results = _theory_providers(score)
    with _swapped(theory=theory, results=results):
        view, trust = _export(demo, tmp_path / "t.zip", countersign=False)
    report = verifier.verify_file(tmp_path / "t.zip", trust, required=("site", "admin"))
    assert report.ok is ok, report.fault
    sup = ExportService(demo.login("neidu", PW["neidu"]))
    if not ok:  # the supervisor's countersign runs the same checks and refuses
        with pytest.raises(DomainError, match="复算"):
            sup.countersign(view.seq, tmp_path / "t.zip", PW["neidu"])
    if ok:
        assert report.theory_checked == 2
    else:
        assert "DG26040002" in report.fault and "复算为 50" in report.fault


def test_provider_writing_undeclared_files_is_refused(demo, tmp_path):
    def sloppy(ctx, plan_no, folder):
        (folder / "misconduct").mkdir()
        (folder / "misconduct" / "records.jsonl").write_text("{}\n")
        (folder / "misconduct" / "scratch.tmp").write_text("x")
        return ["misconduct/records.jsonl"]

    with _swapped(misconduct=sloppy):
        with pytest.raises(DomainError, match="misconduct"):
            ExportService(demo.login("admin", PW["admin"])).make(tmp_path / "x.zip", PW["admin"])
    hist = ExportService(demo.login("admin", PW["admin"])).history()
    assert hist[0].status == "failed" and not (tmp_path / "x.zip").exists()


def test_results_without_answers_fails_verification(demo, tmp_path):
    _, results = _theory_providers("50")
    with _swapped(results=results, theory=None):
        _, trust = _export(demo, tmp_path / "r.zip", countersign=False)
    report = verifier.verify_file(tmp_path / "r.zip", trust, required=("site", "admin"))
    assert not report.ok and "无法复算" in report.fault


def test_journal_cut_inside_the_bundle_is_caught(demo, tmp_path):
    """A journal provider that drops an entry (signed properly by the site) still fails."""
    real = svc.PROVIDERS["journal"].fn

    def cut(ctx, plan_no, folder):
        files = real(ctx, plan_no, folder)
        p = folder / layout.JOURNAL_ENTRIES
        lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
        p.write_text("".join(lines[:3] + lines[4:]), encoding="utf-8")
        return files

    svc.register_provider("journal", cut)
    try:
        _, trust = _export(demo, tmp_path / "j.zip", countersign=False)
    finally:
        svc.register_provider("journal", real)
    report = verifier.verify_bytes((tmp_path / "j.zip").read_bytes(), trust, required=("site", "admin"))
    assert not report.ok and "日志" in report.fault and "第 4 条" in report.fault


def test_photos_optional_and_encrypted_copy(demo, tmp_path):
    centre = X25519PrivateKey.generate()
    pub = centre.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    view, trust = _export(demo, tmp_path / "p.zip", include_photos=True)
    _, m = _members(tmp_path / "p.zip")
    photos = [k for k in m if k.startswith("data/candidates/photos/")]
    assert len(photos) == 40 and m[photos[0]][:2] == b"\xff\xd8"
    admin = ExportService(demo.login("admin", PW["admin"]))
    assert admin.verify(view.seq, tmp_path / "p.zip").ok
    usb = tmp_path / "usb"
    usb.mkdir()
    v = admin.copy_to(view.seq, tmp_path / "p.zip", usb, encrypt_for=pub)
    enc = Path(v.copied_to)
    assert enc.name == "p.zip.enc" and v.status == "copied"
    assert b"DG2604" not in enc.read_bytes()
    report = verifier.verify_file(enc, trust)
    assert not report.ok and "--key" in report.fault
    keyfile = tmp_path / "centre.pem"
    keyfile.write_bytes(centre.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption()))
    report = verifier.verify_file(enc, trust, keyfile)
    assert report.ok, report.fault
    wrong = tmp_path / "wrong.pem"
    wrong.write_bytes(X25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    report = verifier.verify_file(enc, trust, wrong)
    assert not report.ok and "解密失败" in report.fault


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")
def test_signatures_verify_with_openssl_alone(sealed, tmp_path):
    """A second, independent Ed25519 implementation (OpenSSL's CLI) accepts every signature."""
    path, trust, _ = sealed
    _, m = _members(path)
    (tmp_path / "tm.txt").write_bytes(m[layout.SIGNED_FILE])
    by_id = trust.by_id()
    sigs = [k for k in m if k.startswith("signatures/")]
    assert len(sigs) == 3
    for name in sigs:
        rec = layout.SignatureRecord.from_bytes(name, m[name])
        (tmp_path / "sig.bin").write_bytes(rec.signature)
        (tmp_path / "pub.der").write_bytes(bytes.fromhex("302a300506032b6570032100") + by_id[rec.key_id].public_key)
        args = ["openssl", "pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-inkey", str(tmp_path / "pub.der"),
                "-rawin", "-in", str(tmp_path / "tm.txt"), "-sigfile", str(tmp_path / "sig.bin")]
        r = subprocess.run(args, capture_output=True, text=True)
        assert r.returncode == 0 and "Verified Successfully" in r.stdout, (name, r.stdout, r.stderr)
        (tmp_path / "tm.txt").write_bytes(m[layout.SIGNED_FILE] + b"x")
        assert subprocess.run(args, capture_output=True).returncode != 0
        (tmp_path / "tm.txt").write_bytes(m[layout.SIGNED_FILE])
