"""A scripted candidate on a terminal, for the kill test: run as a separate process.

Prints ``RESUME <json>`` after login (answers and consumed time as the store has them),
``TRY q choice`` before each answer, ``ACK q choice consumed`` only after the durable
commit has returned, ``TICK consumed`` after each durable time record."""

from __future__ import annotations

import json
import random
import sys
import time


def main(site_dir: str, ticket: str, id_tail: str, seed: int, finish: bool) -> None:
    from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN
    from app.services.exam import ExamTerminal
    from app.services.site import open_site

    handle = open_site(site_dir, DEMO_PASSPHRASE)
    ctx = handle.login("jiankao1", "Demo-jiankao-2026")
    term = ExamTerminal(ctx)
    sit = term.login(DEMO_PLAN, ticket, id_tail)
    print("RESUME " + json.dumps({"answers": sit.answers, "remaining_ms": sit.remaining_ms,
                                  "consumed_ms": sit._anchor[0], "gap_ms": sit.gap_ms, "status": sit.status,
                                  "duration_ms": sit.duration_ms}), flush=True)
    if finish:
        result = term.submit(sit)
        print("RESULT " + json.dumps(result), flush=True)
        handle.close()
        return
    rng = random.Random(seed)
    n = len(sit.questions)
    last_tick = time.monotonic()
    while True:
        q = sit.questions[rng.randrange(n)]
        labels = "".join(lbl for lbl, _ in q.options)
        if q.qtype == "multiple":
            choice = "".join(sorted(rng.sample(labels, rng.randint(1, len(labels)))))
        else:
            choice = rng.choice(labels)
        print(f"TRY {q.qno} {choice}", flush=True)
        term.answer(sit, q.qno, choice)
        print(f"ACK {q.qno} {choice} {sit._anchor[0]}", flush=True)
        if time.monotonic() - last_tick > 0.1:
            term.tick(sit)
            print(f"TICK {sit._anchor[0]}", flush=True)
            last_tick = time.monotonic()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), len(sys.argv) > 5 and sys.argv[5] == "finish")
