"""The grader station (实操评分站, issue 17): what the master sends it, what it sends back, the
codes of the master's answers, and the signed content of a sheet -- the very dict the master's
own ``GradingService.sign_sheet`` hashes, so a sheet signed on a station is a sheet like any
other for the chief, the summary, the results road and ``examsite verify``.

Blindness: the master sends a grader station the batch, the template, the group's candidates
and the group's accounts; never a grader's values.  A station sends the hash of a draft, never
its values, and the values only inside the signed sheet."""

from __future__ import annotations

import hashlib
import json

# commands the master sends a grader station
GRADER_PROFILE = "grader.profile"        # the batch, the template, the group (replaces what it held)
GRADER_ROSTER = "grader.roster"          # a chunk of the group's candidates (ticket, name, room, seat)
GRADER_ACCOUNTS = "grader.accounts"      # the group's graders: password hash, sealed signing key
SCORING_VERDICT = "scoring.verdict"      # the master's answer to one sheet record (a code)
GRADER_REVEALED = "grader.revealed"      # to the chief's station only: candidates all graders have signed

# records a grader station sends the master
SCORING_DRAFT = "scoring.draft"          # a draft's hash (never its values)
SCORING_SHEET_SIGNED = "scoring.sheet_signed"
SCORING_KEY = "scoring.grader_key"       # a signing key made on the station at a grader's first sitting
CHIEF_SITTING = "scoring.chief_sitting"  # the chief opened a sitting here: send the revealed sheets
SCORING_RECONCILE = "scoring.reconcile_at_station"  # the chief's reasoned decision made on the station

# the master's answer to a sheet record: data, never text
ACCEPTED = "accepted"            # the master holds this signed sheet
SIGNED_TWICE = "signed_twice"    # refused: this grader's sheet for this candidate is signed already
BAD_SIGNATURE = "bad_signature"  # refused: the Ed25519 signature or the content hash does not verify
INVALID = "invalid"              # refused: not in the group, unknown candidate, absent, other template ...
NOT_CURRENT = "not_current"      # refused: a correction that does not supersede the grader's current signed version
SUMMARY_SIGNED = "summary_signed"  # refused: a correction after the chief signed the group's summary
NOTED = "noted"                  # a draft's hash was journaled
REFUSED = (SIGNED_TWICE, BAD_SIGNATURE, INVALID, NOT_CURRENT, SUMMARY_SIGNED)

ROSTER_CHUNK = 50
SITTING_IDLE_MINUTES = 15  # the unsealed key is forgotten after this long without a keystroke
GRADER_ROLE = "grader"


def chief_request(purpose: str, plan_no: str, chief: str, at: str, **more) -> dict:
    """What the chief signs (with their own key) to ask for the revealed sheets or to decide."""
    return {"purpose": purpose, "plan_no": plan_no, "chief": chief, "at": at, **more}


def canonical(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def digest(obj) -> str:
    return hashlib.sha256(canonical(obj)).hexdigest()


def sheet_content(*, sheet, plan_no: str, ticket_no: str, grader: str, version: int, entries: dict, total: str,
                  template_sha256: str, signature_png: bytes, supersedes=None, correction_reason: str = "") -> dict:
    """What a grader signs (the master's ``sign_sheet`` content, field for field).  A correction
    is ``version`` N+1 with ``supersedes`` the master's id of the version it corrects (what the
    master's ``start_correction`` records) and its ``correction_reason``."""
    return {"sheet": sheet, "plan_no": plan_no, "ticket_no": ticket_no, "grader": grader, "version": version,
            "entries": entries, "total": total, "template": template_sha256,
            "signature_sha256": hashlib.sha256(signature_png).hexdigest(),
            "supersedes": supersedes, "correction_reason": correction_reason}
