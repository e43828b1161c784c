import datetime as _dt
import itertools

from app.core import camera as rules

T0 = _dt.datetime(2026, 11, 22, 1, 0, tzinfo=_dt.timezone.utc)


def test_backoff_grows_and_caps():
    assert list(itertools.islice(rules.backoff_delays(0.5, 2, 4), 6)) == [0.5, 1, 2, 4, 4, 4]


def test_disk_state_warns_before_it_stops():
    assert rules.disk_state(100, warn_below=50, stop_below=10) == "ok"
    assert rules.disk_state(30, warn_below=50, stop_below=10) == "warn"
    assert rules.disk_state(5, warn_below=50, stop_below=10) == "stop"


def test_codes_are_ascii_because_they_are_burned_into_the_frame():
    assert rules.code_problem("R01-cam_2") is None
    assert "ASCII" in rules.code_problem("第1考场")
    assert rules.code_problem("") is not None


def test_source_checks():
    assert rules.source_problem("index", "0") is None
    assert rules.source_problem("url", "rtsp://10.0.0.5/stream1") is None
    assert rules.source_problem("url", "ftp://x") is not None
    assert rules.source_problem("index", "-1") is not None


def test_clip_pieces_cover_the_window_across_segment_boundaries():
    segs = [rules.SegmentSpan(1, "C1", T0, 10, 20), rules.SegmentSpan(2, "C1", T0 + _dt.timedelta(seconds=2), 10, 20),
            rules.SegmentSpan(3, "C1", T0 + _dt.timedelta(seconds=4), 10, 20)]
    pieces = rules.clip_pieces(segs, T0 + _dt.timedelta(seconds=1.5), T0 + _dt.timedelta(seconds=4.3))
    assert pieces == [rules.ClipPiece(1, 15, 20), rules.ClipPiece(2, 0, 20), rules.ClipPiece(3, 0, 3)]
    assert sum(p.last_frame - p.first_frame for p in pieces) == 28  # 2.8 s at 10 fps
    assert rules.clip_pieces(segs, T0 + _dt.timedelta(seconds=9), T0 + _dt.timedelta(seconds=10)) == []


def test_retention_never_under_a_year_and_only_verified_batches():
    now = T0 + _dt.timedelta(days=400)
    rows = [(1, "C1", "P1", T0), (2, "C1", "P2", T0), (3, "C1", "", T0), (4, "C1", "P1", now - _dt.timedelta(days=10))]
    plan = {i.segment_id: i for i in rules.retention_plan(rows, now, 30, {"P1"})}  # 30 days asked: a year applies
    assert set(plan) == {1, 2, 3}
    assert plan[1].purgeable and not plan[2].purgeable and not plan[3].purgeable
    assert rules.retention_plan(rows, now, 500, {"P1"}) == []


def test_overlay_is_ascii():
    text = rules.overlay_text("41010123", "R01", "C1", T0)
    assert text.isascii() and "R01" in text and "C1" in text and "2026-11-22 01:00:00" in text


def test_measured_fps_ignores_a_burst_at_connection():
    from app.core.camera import measured_fps

    burst = [0.0, 0.001, 0.002, 0.003, 0.004]
    steady = [0.004 + i / 15 for i in range(1, 16)]
    assert measured_fps(burst + steady) == 15.0
    assert measured_fps([i / 25 for i in range(20)]) == 25.0


def test_restart_gap_only_after_an_unclean_stop():
    last_end, resumed = T0, T0 + _dt.timedelta(seconds=40)
    # killed mid-run: the hole runs from the last frame on disk to the first frame of the new run
    gap = rules.restart_gap(rules.PreviousRun(False, last_end, T0 - _dt.timedelta(minutes=5)), resumed)
    assert (gap.start, gap.end, gap.reason) == (last_end, resumed, rules.RESTART_GAP_REASON)
    # a clean stop, then a later start: recording was deliberately off
    assert rules.restart_gap(rules.PreviousRun(True, last_end), resumed) is None
    assert rules.restart_gap(None, resumed) is None
    # never recorded anything and no run was left open
    assert rules.restart_gap(rules.PreviousRun(False), resumed) is None


def test_restart_gap_starts_no_earlier_than_the_unclean_run_nor_inside_a_journaled_gap():
    resumed = T0 + _dt.timedelta(minutes=30)
    # stopped cleanly at T0, started again at T0+10 min and killed before a frame reached disk
    started = T0 + _dt.timedelta(minutes=10)
    gap = rules.restart_gap(rules.PreviousRun(False, T0, started), resumed)
    assert gap.start == started and gap.end == resumed
    # the source drop before the kill is already journaled up to T0+12 min
    explained = T0 + _dt.timedelta(minutes=12)
    assert rules.restart_gap(rules.PreviousRun(False, T0, started, explained), resumed).start == explained
    # nothing left to explain
    assert rules.restart_gap(rules.PreviousRun(False, resumed, started), resumed) is None
    # stopped again before a first frame came
    gap = rules.restart_gap(rules.PreviousRun(False, T0, started), resumed, resumed=False)
    assert gap.reason == rules.RESTART_GAP_UNRESUMED
