"""A room console in a process of its own, for the kill test: for each ticket given, opens a
finding (a proctor), two proctors sign it and the room head confirms it, printing
``ACK ref step`` once each step is durable in the console's store.  The test SIGKILLs it in the
middle."""

from __future__ import annotations

import sys
import time

from app.net.room_console import RoomConsole

PROCTOR, HEAD = "Demo-jiankao-2026", "Demo-kaochang-2026"


def main(folder: str, passphrase: str, tickets: list[str]) -> None:
    console = RoomConsole.open(folder, passphrase)
    console.node.start()
    deadline = time.monotonic() + 30
    while not console.node.online and time.monotonic() < deadline:
        time.sleep(0.05)
    print("READY", flush=True)
    for t in tickets:
        ref = console.open_finding("jiankao1", PROCTOR, t, 6, 1, "09:40 发现考生使用手机查看答案")
        print(f"ACK {ref} opened", flush=True)
        for who in ("jiankao1", "jiankao2"):
            console.sign(ref, who, PROCTOR)
            print(f"ACK {ref} signed", flush=True)
        console.confirm(ref, "kaochang", HEAD)
        print(f"ACK {ref} confirmed", flush=True)
    time.sleep(600)  # the test kills us


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
