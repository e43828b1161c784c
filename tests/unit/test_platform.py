"""app.platform: what differs between Windows and POSIX (issue 20, item 7: "one small platform
module for what differs (directory fsync, power status, printers, process signals, file locking,
long and Chinese paths), each branch unit-tested on this machine by substitution; nothing else in
`app/` checks the platform").

The POSIX branches run for real here; the Windows branches run with the probe
(``platform.is_windows``) and the Windows calls (kernel32, msvcrt, winreg, PowerShell)
substituted, and the tests check what the module asks of them."""

from __future__ import annotations

import ctypes
import os
import re
import signal
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from app import platform
from app.core.readiness import PowerSupply, power_check

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def windows(monkeypatch):
    monkeypatch.setattr(platform, "is_windows", lambda: True)
    monkeypatch.setattr(ctypes, "WinError", lambda *a: OSError("WinError"), raising=False)


class FakeKernel32:
    """The kernel32 calls the module makes, recorded; each answers as Windows would."""

    def __init__(self):
        self.calls = []
        self.move_ok = True
        self.power = None  # dict of SYSTEM_POWER_STATUS fields, or None: the call fails
        self.short = {}

    def MoveFileExW(self, src, dst, flags):
        self.calls.append(("MoveFileExW", src, dst, flags))
        if self.move_ok:
            os.replace(src, dst)
        return int(self.move_ok)

    def GetSystemPowerStatus(self, ref):
        self.calls.append(("GetSystemPowerStatus",))
        if self.power is None:
            return 0
        for k, v in self.power.items():
            setattr(ref._obj, k, v)
        return 1

    def GetShortPathNameW(self, path, buf, size):
        self.calls.append(("GetShortPathNameW", path))
        short = self.short.get(path, "")
        buf.value = short
        return len(short)

    def GetCurrentProcess(self):
        return -1


@pytest.fixture
def kernel32(monkeypatch):
    fake = FakeKernel32()
    monkeypatch.setattr(platform, "_kernel32", lambda: fake)
    return fake


# -- directory fsync and durable replace --------------------------------------------------------
def test_posix_fsyncs_the_directory_after_the_rename(tmp_path, monkeypatch):
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda p, flags, *a: opened.append(Path(p)) or real_open(p, flags, *a))
    (tmp_path / "a.tmp").write_bytes(b"new")
    platform.replace(tmp_path / "a.tmp", tmp_path / "a")
    assert (tmp_path / "a").read_bytes() == b"new" and not (tmp_path / "a.tmp").exists()
    assert opened == [tmp_path]  # the directory, opened to be fsynced


def test_windows_never_opens_a_directory_and_moves_with_write_through(tmp_path, monkeypatch, windows, kernel32):
    """On Windows os.open(directory) raises PermissionError: `examsite init` failed there."""
    def no_directories(p, flags, *a):
        raise PermissionError(13, "Access is denied", str(p))

    monkeypatch.setattr(os, "open", no_directories)
    platform.fsync_dir(tmp_path)  # nothing to do, nothing opened
    (tmp_path / "a.tmp").write_bytes(b"new")
    platform.replace(tmp_path / "a.tmp", tmp_path / "a")
    assert kernel32.calls == [("MoveFileExW", str(tmp_path / "a.tmp"), str(tmp_path / "a"),
                               platform.MOVEFILE_REPLACE_EXISTING | platform.MOVEFILE_WRITE_THROUGH)]
    assert (tmp_path / "a").read_bytes() == b"new"
    kernel32.move_ok = False
    (tmp_path / "b.tmp").write_bytes(b"x")
    with pytest.raises(OSError):
        platform.replace(tmp_path / "b.tmp", tmp_path / "b")


def test_examsite_init_on_windows_writes_site_json(tmp_path, monkeypatch, windows, kernel32):
    """The whole site creation (site.json through atomic_write) with the Windows branch taken and
    directories that cannot be opened, as on Windows."""
    from app.services.site import create_site
    from app.store.keys import TEST_KDF
    from tests.conftest import INSTITUTION

    real_open = os.open

    def windows_open(p, flags, *a):
        if os.path.isdir(p):
            raise PermissionError(13, "Access is denied", str(p))
        return real_open(p, flags, *a)

    monkeypatch.setattr(os, "open", windows_open)
    handle = create_site(tmp_path / "site", "pass-phrase-1", INSTITUTION, "admin", "管理员", "Admin-pass-1",
                         kdf=TEST_KDF)
    handle.close()
    assert (tmp_path / "site" / "site.json").is_file()
    assert any(c[0] == "MoveFileExW" and c[2].endswith("site.json") for c in kernel32.calls)


# -- long and Chinese paths ---------------------------------------------------------------------
def test_long_paths_get_the_extended_prefix_on_windows_only(windows):
    deep = "C:\\考点\\" + "\\".join(["录像目录" * 10] * 8) + "\\R01-F.avi"
    assert len(deep) > platform.WINDOWS_MAX_PATH
    assert platform.long_path(deep) == "\\\\?\\" + deep
    share = "\\\\laptop2\\site\\" + "x" * 300
    assert platform.long_path(share) == "\\\\?\\UNC\\laptop2\\site\\" + "x" * 300
    assert platform.long_path("C:\\site\\site.json") == "C:\\site\\site.json"
    assert platform.long_path("\\\\?\\" + deep) == "\\\\?\\" + deep


def test_long_paths_unchanged_on_posix():
    deep = "/data/" + "/".join(["录像目录" * 10] * 8)
    assert platform.long_path(deep) == deep


def test_chinese_paths_become_short_names_for_opencv_on_windows(tmp_path, windows, kernel32):
    folder = tmp_path / "考点" / "录像"
    folder.mkdir(parents=True)
    existing = folder / "R01-F-0001.avi"
    existing.write_bytes(b"")
    kernel32.short = {str(existing): "C:\\KAODIA~1\\LUXIANG~1\\R01-F-~1.AVI", str(folder): "C:\\KAODIA~1\\LUXIANG~1"}
    assert platform.native_path(existing) == "C:\\KAODIA~1\\LUXIANG~1\\R01-F-~1.AVI"
    # a segment about to be written: its folder's short name and its own (ASCII) name
    assert platform.native_path(folder / "R01-F-0002.avi") == "C:\\KAODIA~1\\LUXIANG~1\\R01-F-0002.avi"
    # no 8.3 names on the volume, a Chinese file name, a stream URL, an ASCII path: as they are
    kernel32.short = {}
    assert platform.native_path(existing) == str(existing)
    assert platform.native_path(folder / "考场.avi") == str(folder / "考场.avi")
    assert platform.native_path("rtsp://摄像头/1") == "rtsp://摄像头/1"
    assert platform.native_path("C:\\site\\a.avi") == "C:\\site\\a.avi"


def test_chinese_paths_unchanged_on_posix(tmp_path):
    assert platform.native_path(tmp_path / "考点" / "录像.avi") == str(tmp_path / "考点" / "录像.avi")


# -- file locking -------------------------------------------------------------------------------
def test_posix_lock_is_exclusive_between_open_files(tmp_path):
    path = tmp_path / "site.lock"
    with platform.locked(path) as first:
        assert first is True
        with open(path, "a+b") as other:
            assert platform.lock_file(other) is False  # held by the first
    with open(path, "a+b") as other:
        assert platform.lock_file(other) is True  # released
        platform.unlock_file(other)


def test_windows_lock_uses_msvcrt_on_the_first_byte(tmp_path, monkeypatch, windows):
    calls, held = [], set()

    def locking(fd, mode, nbytes):
        calls.append((mode, nbytes))
        if mode == fake.LK_UNLCK:
            held.discard("x")
        elif "x" in held:
            raise OSError(36, "Resource deadlock avoided")
        else:
            held.add("x")

    fake = types.SimpleNamespace(LK_UNLCK=0, LK_LOCK=1, LK_NBLCK=2, locking=locking)
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    with open(tmp_path / "a", "a+b") as one, open(tmp_path / "a", "a+b") as two:
        assert platform.lock_file(one) is True and one.tell() == 0
        assert platform.lock_file(two) is False
        platform.unlock_file(one)
        assert platform.lock_file(two, blocking=True) is True
    assert calls == [(2, 1), (2, 1), (0, 1), (1, 1)]


# -- processes and signals ----------------------------------------------------------------------
class FakeProc:
    def __init__(self):
        self.sent, self.killed = [], False

    def send_signal(self, sig):
        self.sent.append(sig)

    def kill(self):
        self.killed = True


def test_posix_stop_is_sigterm_and_kill_is_kill():
    p = FakeProc()
    platform.ask_to_stop(p)
    platform.kill(p)
    assert p.sent == [signal.SIGTERM] and p.killed
    assert platform.stop_signals() == (signal.SIGTERM, signal.SIGINT)
    assert platform.child_kwargs() == {}
    assert callable(platform.child_kwargs(5)["preexec_fn"])


def test_windows_stop_is_ctrl_break_to_its_own_group(monkeypatch, windows):
    monkeypatch.setattr(signal, "CTRL_BREAK_EVENT", 1, raising=False)
    monkeypatch.setattr(signal, "SIGBREAK", 21, raising=False)
    p = FakeProc()
    platform.ask_to_stop(p)
    platform.kill(p)  # TerminateProcess, which Popen.kill is on Windows
    assert p.sent == [1] and p.killed
    assert platform.stop_signals() == (signal.SIGINT, 21)
    assert platform.child_kwargs() == {"creationflags": 0x200}  # CREATE_NEW_PROCESS_GROUP
    assert platform.child_kwargs(5) == {"creationflags": 0x200 | 0x4000}  # + BELOW_NORMAL_PRIORITY_CLASS
    installed = []
    monkeypatch.setattr(signal, "signal", lambda sig, h: installed.append(sig))
    platform.on_stop(lambda *_: None)
    assert installed == [signal.SIGINT, 21]


def test_a_real_child_stops_cleanly_when_asked_and_dies_when_killed(tmp_path):
    code = textwrap.dedent("""
        import sys, threading
        from app import platform
        done = threading.Event()
        platform.on_stop(lambda *_: done.set())
        print("READY", flush=True)
        done.wait(60)
        print("STOPPED CLEANLY", flush=True)
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for ask, expect in ((platform.ask_to_stop, 0), (platform.kill, -signal.SIGKILL)):
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env,
                                **platform.child_kwargs(1))
        assert proc.stdout.readline().strip() == "READY"
        ask(proc)
        rest = proc.communicate(timeout=60)[0]
        assert proc.returncode == expect
        assert ("STOPPED CLEANLY" in rest) == (expect == 0)


# -- power --------------------------------------------------------------------------------------
def _supply(root: Path, name: str, **files):
    (root / name).mkdir(parents=True)
    for k, v in files.items():
        (root / name / k).write_text(str(v) + "\n")


def test_linux_power_from_sys(tmp_path, monkeypatch):
    _supply(tmp_path, "AC", type="Mains", online=0)
    _supply(tmp_path, "BAT0", type="Battery", capacity=57, status="Discharging")
    _supply(tmp_path, "hidpp_battery_0", type="Battery", scope="Device", capacity=10, status="Discharging")
    monkeypatch.setattr(platform, "POWER_SUPPLY_DIR", tmp_path)
    assert platform.power_supplies() == [PowerSupply("AC", "Mains", online=False),
                                         PowerSupply("BAT0", "Battery", capacity=57, status="Discharging")]
    monkeypatch.setattr(platform, "POWER_SUPPLY_DIR", tmp_path / "none")
    assert platform.power_supplies() == []


@pytest.mark.parametrize("fields, expected, on_mains", [
    ({"ACLineStatus": 1, "BatteryFlag": 8, "BatteryLifePercent": 80},
     [PowerSupply("AC", "Mains", online=True), PowerSupply("BAT", "Battery", capacity=80, status="Charging")], True),
    ({"ACLineStatus": 0, "BatteryFlag": 0, "BatteryLifePercent": 40},
     [PowerSupply("AC", "Mains", online=False), PowerSupply("BAT", "Battery", capacity=40, status="Discharging")],
     False),
    ({"ACLineStatus": 1, "BatteryFlag": 1, "BatteryLifePercent": 100},
     [PowerSupply("AC", "Mains", online=True), PowerSupply("BAT", "Battery", capacity=100, status="Full")], True),
    ({"ACLineStatus": 1, "BatteryFlag": 128, "BatteryLifePercent": 255}, [PowerSupply("AC", "Mains", online=True)],
     True),  # a desktop: no system battery
    ({"ACLineStatus": 255, "BatteryFlag": 255, "BatteryLifePercent": 255}, [PowerSupply("AC", "Mains")], False),
])
def test_windows_power_from_getsystempowerstatus(windows, kernel32, fields, expected, on_mains):
    kernel32.power = fields
    supplies = platform.power_supplies()
    assert supplies == expected
    figures = power_check(supplies).figures
    assert figures["supplies"] == [s.__dict__ for s in expected]
    assert (any(s.online for s in supplies if s.kind == "Mains")
            or any(s.status in ("Charging", "Full", "Not charging") for s in supplies)) == on_mains


def test_windows_power_unknown_when_the_call_fails(windows, kernel32):
    kernel32.power = None
    assert platform.power_supplies() == []


# -- printers -----------------------------------------------------------------------------------
def _run_returning(record, returncode=0, stdout="", stderr=""):
    def run(cmd, **kw):
        record.append((cmd, kw))
        return subprocess.CompletedProcess(cmd, returncode, stdout, stderr)
    return run


def test_cups_printer_through_lpstat(monkeypatch):
    calls = []
    monkeypatch.setattr(platform.shutil, "which", lambda name: None)
    assert platform.printer_status("HP") == (False, "未安装 CUPS（找不到 lpstat）")
    monkeypatch.setattr(platform.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(platform.subprocess, "run", _run_returning(calls, 0, "printer HP is idle.  enabled since …"))
    assert platform.printer_status("HP") == (True, "printer HP is idle.  enabled since …")
    assert calls[0][0] == ["/usr/bin/lpstat", "-p", "HP"]
    monkeypatch.setattr(platform.subprocess, "run", _run_returning(calls, 0, "printer HP disabled since …"))
    assert platform.printer_status("HP")[0] is False
    monkeypatch.setattr(platform.subprocess, "run", _run_returning(calls, 1, "", "lpstat: Invalid destination name"))
    assert platform.printer_status("HP") == (False, "lpstat: Invalid destination name")


def test_windows_printer_through_get_printer(monkeypatch, windows):
    calls = []
    monkeypatch.setattr(platform.shutil, "which", lambda name: None)
    assert platform.printer_status("HP")[0] is False
    monkeypatch.setattr(platform.shutil, "which", lambda name: "C:\\Windows\\powershell.exe" if name == "powershell" else None)
    monkeypatch.setattr(platform.subprocess, "run", _run_returning(calls, 0, b"Normal\r\n"))
    assert platform.printer_status("考务室 O'Brien HP") == (True, "打印机「考务室 O'Brien HP」就绪（Normal）")
    cmd, kw = calls[0]
    assert cmd[:4] == ["C:\\Windows\\powershell.exe", "-NoProfile", "-NonInteractive", "-Command"]
    assert "Get-Printer -Name '考务室 O''Brien HP'" in cmd[4]  # quoted for PowerShell
    assert kw["timeout"] == platform.PRINTER_TIMEOUT
    monkeypatch.setattr(platform.subprocess, "run", _run_returning(calls, 0, b"Offline\r\n"))
    assert platform.printer_status("HP") == (False, "打印机「HP」不可用（Offline）")
    monkeypatch.setattr(platform.subprocess, "run", _run_returning(calls, 1, b"", b"No MSFT_Printer objects found"))
    assert platform.printer_status("HP") == (False, "Windows 中没有打印机「HP」")

    def slow(cmd, **kw):
        raise subprocess.TimeoutExpired(cmd, kw["timeout"])
    monkeypatch.setattr(platform.subprocess, "run", slow)
    assert platform.printer_status("HP")[1].startswith("Get-Printer 无应答")


def test_readiness_probes_go_through_the_platform_module(monkeypatch):
    from app.services.readiness import Probes

    monkeypatch.setattr(platform, "power_supplies", lambda: [PowerSupply("AC", "Mains", online=True)])
    monkeypatch.setattr(platform, "printer_status", lambda name: (True, f"ok {name}"))
    assert Probes().power_supplies() == [PowerSupply("AC", "Mains", online=True)]
    assert Probes().printer("HP") == (True, "ok HP")


# -- boot id and memory -------------------------------------------------------------------------
def test_linux_boot_id(tmp_path, monkeypatch):
    (tmp_path / "boot_id").write_text("1b2c\n")
    monkeypatch.setattr(platform, "LINUX_BOOT_ID", tmp_path / "boot_id")
    assert platform.boot_id() == "1b2c"
    monkeypatch.setattr(platform, "LINUX_BOOT_ID", tmp_path / "none")
    assert platform.boot_id() == ""


def test_windows_boot_id_from_the_registry(monkeypatch, windows):
    opened = []

    class Key:
        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

    def open_key(root, sub):
        opened.append((root, sub))
        return Key()

    fake = types.SimpleNamespace(HKEY_LOCAL_MACHINE="HKLM", OpenKey=open_key, QueryValueEx=lambda k, n: (17, 4))
    monkeypatch.setitem(sys.modules, "winreg", fake)
    assert platform.boot_id() == "windows-boot-17"
    assert opened == [("HKLM", platform.WINDOWS_BOOT_KEY)]

    def missing(root, sub):
        raise FileNotFoundError(2, "not found")
    fake.OpenKey = missing
    assert platform.boot_id() == ""


def test_peak_memory(monkeypatch, windows, kernel32):
    class Psapi:
        def GetProcessMemoryInfo(self, process, ref, size):
            assert size == ctypes.sizeof(platform.PROCESS_MEMORY_COUNTERS)
            ref._obj.PeakWorkingSetSize = 300 * 2**20
            return 1

    monkeypatch.setattr(platform, "_psapi", lambda: Psapi())
    assert platform.peak_rss_mb() == 300.0
    monkeypatch.setattr(platform, "is_windows", lambda: False)
    assert platform.peak_rss_mb() > 1.0  # this process, for real


# -- one module ---------------------------------------------------------------------------------
FORBIDDEN = [r"\bsys\.platform\b", r"\bos\.name\b", r"\bplatform\.system\(", r"^\s*import (fcntl|msvcrt|winreg|resource)\b",
             r"^\s*from (fcntl|msvcrt|winreg|resource) import", r"\bsignal\.SIG(KILL|TERM|BREAK)\b", r"\bsignal\.signal\(",
             r"['\"]/sys/", r"['\"]/proc/", r"\blpstat\b", r"\bWinDLL\b|\bwindll\b", r"\bpreexec_fn\b", r"\bos\.nice\(",
             r"\bos\.open\([^)]*O_RDONLY"]


def test_nothing_else_in_app_checks_the_platform():
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        if path == ROOT / "app" / "platform.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for pattern in FORBIDDEN:
                if re.search(pattern, line):
                    found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == []


def test_the_guard_sees_a_platform_check():
    assert any(re.search(p, "    if sys.platform == 'win32':") for p in FORBIDDEN)
    assert any(re.search(p, "import fcntl") for p in FORBIDDEN)
    assert any(re.search(p, "proc.send_signal(signal.SIGKILL)") for p in FORBIDDEN)


def test_platform_module_imports_only_core_of_app():
    import grimp

    graph = grimp.build_graph("app", cache_dir=None)
    assert {m for m in graph.find_modules_directly_imported_by("app.platform")
            if not m.startswith("app.core")} == set()


def test_peak_memory_on_linux_is_this_process_alone(monkeypatch, tmp_path):
    status = tmp_path / "status"
    status.write_text("Name:\tpython\nVmPeak:\t  900000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  100000 kB\n")
    monkeypatch.setattr(platform, "is_windows", lambda: False)
    monkeypatch.setattr(platform, "PROC_STATUS", str(status))
    assert platform.peak_rss_mb() == 200.0
    monkeypatch.setattr(platform, "PROC_STATUS", str(tmp_path / "absent"))  # another POSIX: getrusage
    assert platform.peak_rss_mb() > 1.0


def test_a_child_of_a_large_parent_reports_its_own_peak_not_the_parents():
    """getrusage's ru_maxrss survives fork and exec on Linux: a rehearsed master reported its
    bench's growing size (398 MB, then 1,060 MB on the fifth day)."""
    if not os.path.exists(platform.PROC_STATUS):
        pytest.skip("no /proc here: the other branch is tested above")
    ballast = b"x" * (300 << 20)  # the parent holds 300 MB, touched
    code = "from app import platform; print(platform.peak_rss_mb())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    assert len(ballast) and float(out) < 150


def test_disk_waits_count_on_posix_and_are_unknown_on_windows(monkeypatch):
    first = platform.disk_waits()
    assert isinstance(first, int) and 0 <= first <= platform.disk_waits()  # a count since the start
    monkeypatch.setattr(platform, "is_windows", lambda: True)  # soft and hard faults are one count there
    assert platform.disk_waits() is None


def test_thread_cpu_waits_grow_with_the_threads_work_and_are_unknown_on_windows(monkeypatch, tmp_path):
    before = platform.thread_cpu_waits()
    assert before is not None  # Linux has /proc/thread-self/schedstat
    sum(i * i for i in range(300_000))  # some work on this thread
    after = platform.thread_cpu_waits()
    assert after[0] > before[0] and after[1] >= before[1] >= 0
    monkeypatch.setattr(platform, "THREAD_SCHEDSTAT", str(tmp_path / "absent"))
    assert platform.thread_cpu_waits() is None  # a POSIX without /proc
    monkeypatch.setattr(platform, "is_windows", lambda: True)
    assert platform.thread_cpu_waits() is None
