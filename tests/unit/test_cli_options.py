"""One option name for the batch in every `examsite` command (issue 15, item 6)."""

import argparse

from app.cli import build_parser
from app.cli.common import BATCH_ALIASES


def _commands(parser, path=()):
    """(command path, parser) for every leaf command."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
        return
    for name, child in subs[0].choices.items():
        yield from _commands(child, path + (name,))


def test_every_batch_option_is_spelled_batch():
    seen = 0
    for path, parser in _commands(build_parser()):
        for action in parser._actions:
            shown = [o for o in action.option_strings if o.startswith("--")]
            if action.dest in {"batch", "plan", "plan_no"} or any("plan" in o for o in shown):
                assert shown == ["--batch"] and action.dest == "batch", (" ".join(path), shown, action.dest)
                seen += 1
    assert seen >= 20  # results, certificates, tables, scoring, theory, check-in, export, selftest, user assign


def test_old_spelling_is_a_hidden_alias():
    parser = build_parser()
    for argv in (["results", "show", "--site", "s", "--plan", "P-1"],
                 ["tables", "--site", "s", "--plan", "P-1", "--out-dir", "o"],
                 ["scoring", "summary", "--site", "s", "--plan", "P-1"]):
        assert parser.parse_args(argv).batch == "P-1", argv
        assert parser.parse_args([a if a != "--plan" else "--batch" for a in argv]).batch == "P-1"
    results = dict(_commands(parser))[("results", "show")]
    text = results.format_help()
    assert "--batch" in text and not any(alias in text for alias in BATCH_ALIASES)


def test_every_command_comes_from_a_module_in_the_one_list():
    """`examsite` has no command besides those the modules of COMMAND_MODULES register."""
    import importlib

    from app.cli import COMMAND_MODULES

    whole = set(build_parser()._subparsers._group_actions[0].choices)
    from_modules = set()
    for name in COMMAND_MODULES:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(name).register(sub)
        from_modules |= set(sub.choices)
    assert whole == from_modules
    assert {"gui", "init", "results", "tables", "selftest", "export", "link"} <= whole
