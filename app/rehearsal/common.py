"""Small helpers the phases share: site-time (China Standard Time) instants and a drawn
signature for the signature pads."""

from __future__ import annotations

import datetime as _dt
import random

import cv2
import numpy as np

CST = _dt.timezone(_dt.timedelta(hours=8))  # the site's clock (app.core.checkin.local shows times in it)


def cst_at(day: _dt.date, hh: int, mm: int = 0) -> _dt.datetime:
    """``hh:mm`` Beijing time on ``day``, as UTC (what the people on the site read on the wall)."""
    return _dt.datetime.combine(day, _dt.time(hh, mm), tzinfo=CST).astimezone(_dt.timezone.utc)


def hhmm(ts: _dt.datetime) -> str:
    return f"{ts.astimezone(CST):%H:%M}"


def signature_png(seed: int | str = 1) -> bytes:
    """A handwritten-looking signature (a few strokes, different per person) as PNG bytes."""
    rng = random.Random(seed)
    img = np.full((80, 240, 3), 255, np.uint8)
    x, pts = 10, []
    while x < 230:
        pts.append([x, rng.randint(15, 65)])
        x += rng.randint(18, 40)
    cv2.polylines(img, [np.array(pts, np.int32)], False, (0, 0, 0), 3)
    cv2.line(img, (pts[0][0], 70), (pts[-1][0], 68), (0, 0, 0), 2)
    ok, buf = cv2.imencode(".png", img)
    assert ok
    return buf.tobytes()
