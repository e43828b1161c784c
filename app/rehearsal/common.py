"""Small helpers the phases share: site-time (China Standard Time) instants and a drawn
signature for the signature pads."""

from __future__ import annotations

import datetime as _dt
import random

import cv2
import numpy as np

from app.core.sitetime import SITE_TZ as CST  # the site's clock, for the phases
from app.core.sitetime import at as cst_at  # noqa: F401


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
