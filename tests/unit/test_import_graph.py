"""No import circles in app (issue 15, item 6): bundle <-> bundle_providers and
login -> main_window -> main -> login were two.  Every import counts, also those inside
functions, because a circle through a lazy import is still one module needing the other.

The one allowed kind lives in app.store: models imports each feature's ``*_tables`` module at
its bottom (the registration point for tables) and those subclass ``models.Base``; the engine
and the journal know each other."""

import grimp

ALLOWED_PREFIX = "app.store."


def _circles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            v, children = work[-1]
            for w in children:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.find_modules_directly_imported_by(w)))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def test_no_import_circle_outside_the_store_registration():
    circles = _circles(grimp.build_graph("app", cache_dir=None))
    assert [c for c in circles if not all(m.startswith(ALLOWED_PREFIX) for m in c)] == []


def test_the_two_named_circles_are_gone():
    graph = grimp.build_graph("app", cache_dir=None)
    assert graph.find_shortest_chain(importer="app.services.bundle_providers", imported="app.services.bundle") is None
    assert graph.find_shortest_chain(importer="app.ui.main_window", imported="app.ui.main") is None


def test_the_circle_finder_finds_a_circle():
    """The checker itself: a made-up graph with one circle of three and one self-contained chain."""
    graph = grimp.ImportGraph()
    for a, b in (("x.a", "x.b"), ("x.b", "x.c"), ("x.c", "x.a"), ("x.d", "x.a")):
        graph.add_import(importer=a, imported=b)
    assert _circles(graph) == [["x.a", "x.b", "x.c"]]
