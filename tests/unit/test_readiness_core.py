"""The readiness verdicts (app.core.readiness): thresholds, overall verdict, canonical form."""

from app.core import readiness as core

GB = core.GB


def test_disk_needs_cameras_times_hours_times_rate_and_keeps_the_watchdog_margins():
    need = 2 * 8 * 4 * GB
    assert core.disk_check(need + 50 * GB, 2, 8, 4 * GB, 10 * GB, 2 * GB).status == core.OK
    assert core.disk_check(need + 5 * GB, 2, 8, 4 * GB, 10 * GB, 2 * GB).status == core.WARN
    bad = core.disk_check(need + 1 * GB, 2, 8, 4 * GB, 10 * GB, 2 * GB)
    assert bad.status == core.FAIL and bad.figures["needed_bytes"] == need
    assert core.disk_check(5 * GB, 0, 8, 4 * GB, 10 * GB, 2 * GB).status == core.WARN  # no cameras, low disk


def test_clock_thresholds_and_the_master_itself():
    assert core.clock_check(None, True).figures["skew_seconds"] == 0.0
    assert core.clock_check(0.4, False).status == core.OK
    assert core.clock_check(-3, False).status == core.WARN
    assert core.clock_check(31, False).status == core.FAIL
    assert core.clock_check(None, False, "refused").status == core.FAIL


def test_terminals():
    two = [("T001", "a"), ("T002", "b")]
    assert core.terminals_check([], {}).status == core.WARN
    assert core.terminals_check(two, None).status == core.WARN
    assert core.terminals_check(two, {}).status == core.FAIL
    assert core.terminals_check(two, {"T001": 3.0}).status == core.WARN
    assert core.terminals_check(two, {"T001": 3.0, "T002": 1000.0}).status == core.WARN
    assert core.terminals_check(two, {"T001": 3.0, "T002": 9.0}).status == core.OK


def test_verdict_report_and_canonical_form():
    checks = [core.CheckResult("printer", core.SKIPPED, "未配置打印机"), core.CheckResult("disk", core.OK, "x"),
              core.CheckResult("power", core.WARN, "y")]
    rep = core.build_report(site_id="s", plan_no="P", machine="m", at="2026-12-01T20:00:00+00:00",
                            by={"username": "admin"}, hours=8.0, checks=checks, seconds=1.23456)
    assert [c["key"] for c in rep["checks"]] == ["disk", "power", "printer"]
    assert rep["verdict"] == core.WARN and core.report_problems(rep) == []
    assert core.canonical(rep) == core.canonical(dict(reversed(list(rep.items()))))
    assert b" " not in core.canonical({"a": [1, 2], "b": "x"})
    rep["verdict"] = core.OK
    assert core.report_problems(rep) == ["总结论与各检查项不符"]
    assert core.verdict(checks + [core.CheckResult("store", core.FAIL, "")]) == core.FAIL
    assert "free_bytes=1.00 GB" in core.figure_summary({"free_bytes": GB, "cameras": [1]})
