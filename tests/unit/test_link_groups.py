"""The link's group commit takes what waits behind the first push, but never more than a bounded
group: a room catching up after a master restart (every terminal sending a full batch) must not
hold the write lock for thousands of records while a proctor's login waits."""

import queue

from app.net.master import take_group


def push(name: str, records: int):
    return (name, [object()] * records, None)


def test_a_group_takes_what_waits_up_to_the_bound_of_records_and_the_rest_opens_the_next():
    waiting = queue.Queue()
    for i in range(5):
        waiting.put(push(f"T{i}", 50))
    items, carried = take_group(waiting, push("first", 50), max_pushes=128, max_records=180)
    assert [m for m, _, _ in items] == ["first", "T0", "T1"] and carried[0] == "T2"
    assert sum(len(r) for _, r, _ in items) <= 180
    items, carried = take_group(waiting, carried, max_pushes=128, max_records=180)
    assert [m for m, _, _ in items] == ["T2", "T3", "T4"] and carried is None and waiting.empty()


def test_a_group_stops_at_the_bound_of_pushes_and_leaves_the_end_marker():
    waiting = queue.Queue()
    for i in range(4):
        waiting.put(push(f"T{i}", 1))
    items, carried = take_group(waiting, push("first", 1), max_pushes=3, max_records=600)
    assert [m for m, _, _ in items] == ["first", "T0", "T1"] and carried is None and waiting.qsize() == 2
    waiting.put(None)
    items, carried = take_group(waiting, push("x", 1), max_pushes=10, max_records=600)
    assert [m for m, _, _ in items] == ["x", "T2", "T3"] and carried is None
    assert waiting.get_nowait() is None  # the link's stop is still seen by the writer


def test_one_push_larger_than_the_bound_still_goes_alone():
    waiting = queue.Queue()
    waiting.put(push("T0", 10))
    items, carried = take_group(waiting, push("big", 700), max_records=600)
    assert [m for m, _, _ in items] == ["big"] and carried[0] == "T0"
