"""The rules of the house as a failing check: core imports no Qt or SQL; ui never imports the store."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    r = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    # core pure, ui off the store, rehearsal off the store, nothing imports ui, the layers
    assert "Contracts: 5 kept, 0 broken" in r.stdout


def test_core_reads_no_clock():
    offenders = []
    for path in (ROOT / "app" / "core").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("datetime.now(", "date.today(", "time.time(", "open("):
            if needle in text:
                offenders.append(f"{path.name}: {needle}")
    assert offenders == []


def test_no_module_over_700_lines_and_no_class_over_400():
    """Issue 15, "Done means": no module in app/ over 700 lines and no class over 400."""
    import ast

    offenders = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT)
        lines = len(text.splitlines())
        if lines > 700:
            offenders.append(f"{rel}: module {lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                size = node.end_lineno - node.lineno + 1
                if size > 400:
                    offenders.append(f"{rel}: class {node.name} {size} lines")
    assert offenders == []


def test_features_reach_into_no_private_names():
    """Issue 15: features talk through public calls.  A service never calls another's private
    method (``CameraService(ctx)._spec(...)`` was one); the rehearsal touches no private name
    of anything but itself (``node._wake`` was one)."""
    import ast

    offenders = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        rel = path.relative_to(ROOT)
        rehearsal = rel.parts[:2] == ("app", "rehearsal")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")):
                continue
            owner = node.value
            made_here = isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id[:1].isupper()
            own = isinstance(owner, ast.Name) and owner.id in ("self", "cls")
            if made_here or (rehearsal and not own):
                offenders.append(f"{rel}:{node.lineno}: {ast.unparse(node)}")
    assert offenders == []
