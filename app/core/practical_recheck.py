"""Recompute the practical (实操) scores of a bundle from its signed score sheets, as the
verifier recomputes theory from the answers; and hold results' theory scores to that recompute.

Pure: the bundle's ``practical/sheets.json`` (the template, the group, every signed sheet,
the chief's decisions, absences and the summary signatures) and ``results/results.json``
in, the number of candidates checked and the first fault out.  Checked, for the batch:

- every signed sheet's total is the template's score of its entries, and its content hash
  is the one sealed at signing (so an entry changed afterwards shows);
- per candidate, the group's result from the latest signed version of each member's sheet:
  the aggregate, or when the graders' totals differ by more than the threshold the chief's
  decision made on exactly those sheets; absent candidates are absent;
- the chief grader signed the summary of exactly these results;
- every practical score in results that arrived by the chief's summary equals it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from decimal import Decimal

from app.core import scoring as rules
from app.core.bundle import BundleFault, decimal_of

PRACTICAL_JSON = "practical/sheets.json"
REVIEW_JSON = "practical/review.json"          # the 综合评审 panel's sheets, the same shape
SUMMARY_ROAD = "practical-summary"
REVIEW_ROAD = "review-summary"
# subject -> (its file in the bundle, the road of its signed summary, its name)
GROUPS = {"practical": (PRACTICAL_JSON, SUMMARY_ROAD, "实操"), "review": (REVIEW_JSON, REVIEW_ROAD, "综合评审")}


def with_subject(content: dict, subject: str) -> dict:
    """A review panel's sheet seals its subject too (a practical sheet's content is as it always was),
    so a sheet signed in one group can never count in the other."""
    return content if subject == "practical" else {**content, "subject": subject}


def canonical(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def _sha(obj) -> str:
    return hashlib.sha256(canonical(obj)).hexdigest()


def sheet_content(sheet: dict, plan_no: str, template_sha256: str) -> dict:
    """What a grader sealed when signing (the same dictionary the scoring service hashes)."""
    detail = sheet.get("detail") or {}
    subject = sheet.get("subject") or "practical"
    if sheet.get("source") == "paper":
        return with_subject({"plan_no": plan_no, "ticket_no": sheet["ticket_no"], "grader": sheet["grader"],
                             "entries": sheet["entries"], "total": sheet["total"],
                             "typists": sheet.get("typists") or [], "source": "paper"}, subject)
    png = sheet.get("signature_png_base64")
    return with_subject({"sheet": detail.get("origin_sheet", sheet["id"]), "plan_no": plan_no,
                         "ticket_no": sheet["ticket_no"],
                         "grader": sheet["grader"], "version": sheet["version"], "entries": sheet["entries"],
                         "total": sheet["total"], "template": template_sha256,
                         "signature_sha256": hashlib.sha256(base64.b64decode(png) if png else b"").hexdigest(),
                         "supersedes": detail.get("origin_supersedes", sheet.get("supersedes_id")),
                         "correction_reason": sheet.get("correction_reason") or ""}, subject)


def summary_sha256(rows: list[tuple[str, Decimal | None, str]], subject: str = "practical") -> str:
    """The hash the group signs: (ticket, score, status) of every candidate in ticket order (the
    review panel's summary names its subject)."""
    body = [(t, str(score), status) for t, score, status in rows]
    return hashlib.sha256(canonical(body if subject == "practical" else {"subject": subject, "rows": body})).hexdigest()


def recompute_practical(practical_data: bytes, results_data: bytes,
                        subject: str = "practical") -> tuple[int, str | None]:
    """Returns (candidates whose score in ``subject`` was recomputed and compared, first fault or None).
    ``subject``: 'practical' (the 考评组) or 'review' (the 综合评审 panel, the same road)."""
    path, road, name = GROUPS[subject]
    try:
        prac = json.loads(practical_data.decode("utf-8"))
        res = json.loads(results_data.decode("utf-8"))
        candidates = res["candidates"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise BundleFault(f"{path} 或成绩文件格式错误") from None
    by_summary = {c["ticket_no"]: c["subjects"][subject] for c in candidates
                  if (c.get("subjects") or {}).get(subject, {}).get("source") == road}
    template_info = prac.get("template")
    if template_info is None:
        if by_summary:
            return 0, f"成绩中有经{name}汇总表计入的{name}成绩，但 {path} 中没有评分记录表"
        return 0, None
    if not template_info.get("definition"):
        return 0, f"{path} 缺少评分记录表内容，无法复算{name}成绩"
    template = rules.Template.from_dict(template_info["definition"])
    template_sha256 = _sha(template.to_dict())
    plan_no = prac.get("plan_no")
    members = [m["username"] for m in prac.get("group") or []]

    signed: dict[str, dict[str, dict]] = {}      # ticket -> grader -> latest signed version
    for sh in prac.get("sheets") or []:
        where = f"考生 {sh.get('ticket_no')} 考评员 {sh.get('grader')} 第 {sh.get('version')} 版评分表"
        total = rules.score_sheet(template, sh["entries"]).total
        if decimal_of(sh["total"], where) != total:
            return 0, f"{name}复算不符：{where} 记为 {sh['total']}，按评分项复算为 {total}"
        if _sha(sheet_content(sh, plan_no, template_sha256)) != sh.get("content_sha256"):
            return 0, f"{name}复算：{where} 与签字时封存的内容不符"
        cur = signed.setdefault(sh["ticket_no"], {}).get(sh["grader"])
        if cur is None or sh["version"] > cur["version"]:
            signed[sh["ticket_no"]][sh["grader"]] = sh
    absent = {a["ticket_no"] for a in prac.get("absences") or []}
    decisions = {d["ticket_no"]: d for d in prac.get("decisions") or []}   # in order: the latest wins

    rows: list[tuple[str, Decimal | None, str]] = []
    for c in sorted(candidates, key=lambda c: c["ticket_no"]):
        t = c["ticket_no"]
        mine = signed.get(t, {})
        if t in absent:
            rows.append((t, None, "absent"))
            continue
        if not members or any(m not in mine for m in members):
            rows.append((t, None, "pending"))
            continue
        totals = {m: rules.score_sheet(template, mine[m]["entries"]).total for m in members}
        values = list(totals.values())
        if rules.discrepant(values, template.rules.spread):
            basis = {m: [mine[m]["id"], str(totals[m])] for m in members}
            d = decisions.get(t)
            if d is not None and d.get("basis") == basis:
                rows.append((t, Decimal(d["score"]), "reconciled"))
            else:
                rows.append((t, None, "discrepancy"))
            continue
        rows.append((t, rules.aggregate(values, template.rules.aggregation), "final"))

    if by_summary:
        h = summary_sha256(rows, subject)
        if not any(s.get("role") == "chief" and s.get("summary_sha256") == h
                   for s in prac.get("summary_signatures") or []):
            return 0, f"{name}复算：按已签字评分表复算的汇总表没有考评组长的签字"
    checked = 0
    for t, score, status in rows:
        stated = by_summary.get(t)
        if stated is None:
            continue
        if status == "absent":
            if not stated.get("absent"):
                return checked, f"{name}复算不符：考生 {t} {name}缺考，成绩表为 {stated.get('score')}"
        elif score is None:
            return checked, f"{name}复算：考生 {t} 的评分未完成或分差未裁定，但成绩表有{name}成绩 {stated.get('score')}"
        elif stated.get("absent") or stated.get("score") is None or \
                decimal_of(stated["score"], f"考生 {t} {name}成绩") != score:
            return checked, f"{name}复算不符：考生 {t} 成绩表为 {stated.get('score')}，按已签字评分表复算为 {score}"
        checked += 1
    return checked, None


def theory_scores_match(results_data: bytes) -> str | None:
    """``recompute_theory`` proves each candidate's row ``theory`` (the master's total) from the
    answers and papers; the score results actually hold is ``subjects.theory``.  Where both exist
    and the score arrived by the theory exam's road, they must be equal (else results were changed
    after the answers were scored)."""
    try:
        rows = json.loads(results_data.decode("utf-8"))["candidates"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise BundleFault("results/results.json 格式错误") from None
    for c in rows:
        proven = c.get("theory")
        held = (c.get("subjects") or {}).get("theory") or {}
        if proven is None or held.get("source") != "theory-exam":
            continue
        if held.get("absent") or held.get("score") is None or \
                decimal_of(held["score"], f"考生 {c.get('ticket_no')} 理论成绩") != decimal_of(proven, "理论复算"):
            return f"理论复算不符：考生 {c.get('ticket_no')} 成绩表为 {held.get('score')}，按作答与试卷复算为 {proven}"
    return None
