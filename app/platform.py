"""What differs between Windows and POSIX, in one place (issue 20, item 7).

Site laptops mostly run Windows; development and the tests run on Linux.  Every check of the
operating system in ``app/`` is here, behind ``is_windows()`` (the one probe), and nothing else
in ``app/`` looks at ``sys.platform`` / ``os.name``, imports ``fcntl`` / ``msvcrt`` / ``winreg``,
names ``SIGKILL``, reads ``/sys`` or ``/proc`` or runs ``lpstat``
(tests/unit/test_platform.py holds both to that).  Each Windows branch is unit-tested on Linux by
substitution: the probe and the OS calls are monkeypatched.

This module touches files and processes, so it is not core; it imports nothing of ``app`` but
``app.core``.
"""

from __future__ import annotations

import contextlib
import ctypes
import ntpath
import os
import shutil
import signal
import subprocess
from pathlib import Path
from typing import IO

from app.core.readiness import PowerSupply


def is_windows() -> bool:
    return os.name == "nt"


# -- durable files --------------------------------------------------------------------------------
MOVEFILE_REPLACE_EXISTING = 0x1
MOVEFILE_WRITE_THROUGH = 0x8


def fsync_dir(path: Path | str) -> None:
    """Make a file's creation or rename in ``path`` survive a power cut.  POSIX: fsync the
    directory.  Windows cannot open a directory as a file (``os.open`` fails) and NTFS journals
    the directory change itself; ``replace`` asks for write-through there instead."""
    if is_windows():
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace(src: Path | str, dst: Path | str) -> None:
    """``os.replace`` that is durable once it returns: the data must already be fsynced.
    POSIX: rename, then fsync the directory.  Windows: MoveFileExW with MOVEFILE_WRITE_THROUGH
    (returns only when the move is on disk)."""
    src, dst = Path(src), Path(dst)
    if is_windows():
        ok = _kernel32().MoveFileExW(long_path(src), long_path(dst), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)
        if not ok:
            raise ctypes.WinError()  # type: ignore[attr-defined]  # only on Windows
        return
    os.replace(src, dst)
    fsync_dir(dst.parent)


def _kernel32():
    return ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]  # only on Windows


# -- long and Chinese paths -----------------------------------------------------------------------
WINDOWS_MAX_PATH = 260  # MAX_PATH, terminating NUL included


def long_path(path: Path | str) -> str:
    """The path to hand to the OS.  On Windows an absolute path of MAX_PATH or more gets the
    ``\\\\?\\`` prefix (``\\\\?\\UNC\\`` for a share), without which the Win32 calls refuse it;
    elsewhere, and for short paths, the path as it is."""
    text = str(path)
    if not is_windows() or text.startswith("\\\\?\\"):
        return text
    full = ntpath.abspath(text)  # what os.path is on Windows
    if len(full) < WINDOWS_MAX_PATH - 12:  # CreateDirectoryW's limit is MAX_PATH - 12
        return text
    if full.startswith("\\\\"):
        return "\\\\?\\UNC\\" + full[2:]
    return "\\\\?\\" + full


def native_path(path: Path | str) -> str:
    """A path for libraries that open files through the C runtime's narrow (ANSI) API, such as
    OpenCV's VideoCapture / VideoWriter: on Windows they cannot open 考场/录像 paths, so a path
    with non-ASCII characters becomes its 8.3 short form (the folder's, when the file does not
    exist yet and its own name is ASCII).  Elsewhere, or when no short form exists, unchanged."""
    text = str(path)
    if not is_windows() or text.isascii() or "://" in text:
        return text
    p = Path(os.path.abspath(text))
    if p.exists():
        short = _short_path(str(p))
        return short if short and short.isascii() else text
    if p.name.isascii():
        short = _short_path(str(p.parent))
        if short and short.isascii():
            return short.rstrip("\\") + "\\" + p.name
    return text


def _short_path(path: str) -> str:
    """GetShortPathNameW, or "" when the volume keeps no 8.3 names."""
    buf = ctypes.create_unicode_buffer(32768)
    n = _kernel32().GetShortPathNameW(long_path(path), buf, len(buf))
    if not n:
        return ""
    out = buf.value
    return out[4:] if out.startswith("\\\\?\\") and not out.startswith("\\\\?\\UNC\\") else out


# -- file locking ---------------------------------------------------------------------------------
def lock_file(fh: IO, blocking: bool = False) -> bool:
    """An exclusive lock on an open file, held until ``unlock_file`` or the file is closed (or the
    process dies).  False if another process holds it and ``blocking`` is False.
    POSIX: ``flock``.  Windows: ``msvcrt.locking`` on the first byte (blocking there means ten
    tries a second apart, then False)."""
    if is_windows():
        import msvcrt  # type: ignore[import-not-found]  # only on Windows

        fh.seek(0)
        mode = msvcrt.LK_LOCK if blocking else msvcrt.LK_NBLCK
        try:
            msvcrt.locking(fh.fileno(), mode, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def unlock_file(fh: IO) -> None:
    if is_windows():
        import msvcrt  # type: ignore[import-not-found]  # only on Windows

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def locked(path: Path | str, blocking: bool = True):
    """``with locked(path) as ok:`` an exclusive lock on the file ``path`` (created if missing)."""
    with open(long_path(path), "a+b") as fh:
        ok = lock_file(fh, blocking)
        try:
            yield ok
        finally:
            if ok:
                unlock_file(fh)


# -- processes and signals ------------------------------------------------------------------------
def stop_signals() -> tuple[int, ...]:
    """The signals that ask this process to stop cleanly: Ctrl+C everywhere, SIGTERM on POSIX,
    Ctrl+Break on Windows (what ``ask_to_stop`` sends there)."""
    if is_windows():
        return (signal.SIGINT, getattr(signal, "SIGBREAK", signal.SIGINT))
    return (signal.SIGTERM, signal.SIGINT)


def on_stop(handler) -> None:
    """Install ``handler(signum, frame)`` for every signal of ``stop_signals()``."""
    for sig in dict.fromkeys(stop_signals()):
        signal.signal(sig, handler)


def child_kwargs(niceness: int = 0) -> dict:
    """``subprocess.Popen`` arguments for a child that ``ask_to_stop`` can stop cleanly, at a lower
    priority when ``niceness`` > 0.  Windows: its own process group (Ctrl+Break reaches only it)
    and BELOW_NORMAL_PRIORITY_CLASS; POSIX: ``nice`` in the child."""
    if is_windows():
        flags = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)
        if niceness > 0:
            flags |= getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0x4000)
        return {"creationflags": flags}
    if niceness > 0:
        return {"preexec_fn": lambda: os.nice(niceness)}
    return {}


def ask_to_stop(proc: subprocess.Popen) -> None:
    """Ask a child started with ``child_kwargs()`` to stop cleanly (it runs its stop handler).
    POSIX: SIGTERM.  Windows: Ctrl+Break to its process group (``terminate`` would kill it)."""
    if is_windows():
        proc.send_signal(getattr(signal, "CTRL_BREAK_EVENT", 1))
    else:
        proc.send_signal(signal.SIGTERM)


def kill(proc: subprocess.Popen) -> None:
    """Stop a child at once, without letting it clean up (a power cut, for the child): SIGKILL on
    POSIX, TerminateProcess on Windows — both are what ``Popen.kill`` does."""
    proc.kill()


# -- power ----------------------------------------------------------------------------------------
POWER_SUPPLY_DIR = Path("/sys/class/power_supply")


def power_supplies() -> list[PowerSupply]:
    """Mains adapters and batteries as the OS reports them; empty when it reports nothing."""
    if is_windows():
        return _windows_power()
    return _linux_power(POWER_SUPPLY_DIR)


def _linux_power(root: Path) -> list[PowerSupply]:
    out: list[PowerSupply] = []
    if not root.is_dir():
        return out

    def read(p: Path, name: str) -> str:
        try:
            return (p / name).read_text(encoding="utf-8").strip()
        except OSError:
            return ""

    for p in sorted(root.iterdir()):
        kind = read(p, "type")
        if kind == "Battery" and read(p, "scope") == "Device":
            continue  # a wireless mouse's battery says nothing about this laptop
        online = read(p, "online")
        capacity = read(p, "capacity")
        out.append(PowerSupply(p.name, kind or "Unknown", online=(online == "1") if online else None,
                               capacity=int(capacity) if capacity.isascii() and capacity.isdigit() else None, status=read(p, "status")))
    return out


class SYSTEM_POWER_STATUS(ctypes.Structure):
    _fields_ = [("ACLineStatus", ctypes.c_ubyte), ("BatteryFlag", ctypes.c_ubyte),
                ("BatteryLifePercent", ctypes.c_ubyte), ("SystemStatusFlag", ctypes.c_ubyte),
                ("BatteryLifeTime", ctypes.c_ulong), ("BatteryFullLifeTime", ctypes.c_ulong)]


def _windows_power() -> list[PowerSupply]:
    """GetSystemPowerStatus: ACLineStatus 0 offline / 1 online / 255 unknown; BatteryFlag 8
    charging, 128 no system battery, 255 unknown; BatteryLifePercent 255 unknown."""
    st = SYSTEM_POWER_STATUS()
    if not _kernel32().GetSystemPowerStatus(ctypes.byref(st)):
        return []
    ac = {0: False, 1: True}.get(st.ACLineStatus)
    out = [PowerSupply("AC", "Mains", online=ac)]
    if st.BatteryFlag not in (128, 255):
        capacity = None if st.BatteryLifePercent == 255 else int(st.BatteryLifePercent)
        if st.BatteryFlag & 8:
            status = "Charging"
        elif ac is False:
            status = "Discharging"
        elif ac is True:
            status = "Full" if capacity == 100 else "Not charging"
        else:
            status = "Unknown"
        out.append(PowerSupply("BAT", "Battery", capacity=capacity, status=status))
    return out


# -- printers -------------------------------------------------------------------------------------
PRINTER_TIMEOUT = 10


def printer_status(name: str) -> tuple[bool, str]:
    """Is the printer ``name`` there and ready?  (ok, one line for the report.)
    POSIX: the CUPS queue (``lpstat -p``).  Windows: ``Get-Printer`` (PowerShell)."""
    if is_windows():
        return _windows_printer(name)
    return _cups_printer(name)


def _cups_printer(name: str) -> tuple[bool, str]:
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return False, "未安装 CUPS（找不到 lpstat）"
    try:
        r = subprocess.run([lpstat, "-p", name], capture_output=True, text=True, timeout=PRINTER_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"lpstat 无应答：{exc}"
    text = (r.stdout or r.stderr).strip().splitlines()
    first = text[0] if text else ""
    if r.returncode != 0:
        return False, first or "CUPS 中没有该打印机"
    if "disabled" in first or "停用" in first:
        return False, first
    return True, first


WINDOWS_PRINTER_READY = {"Normal", "Idle", "Printing", "Warmup", "0", "3", "4", "5"}


def _windows_printer(name: str) -> tuple[bool, str]:
    exe = shutil.which("powershell") or shutil.which("pwsh")
    if exe is None:
        return False, "找不到 PowerShell，无法查询打印机"
    quoted = name.replace("'", "''")
    script = ("[Console]::OutputEncoding = [Text.Encoding]::UTF8; "
              f"$p = Get-Printer -Name '{quoted}' -ErrorAction Stop; \"$($p.PrinterStatus)\"")
    try:
        r = subprocess.run([exe, "-NoProfile", "-NonInteractive", "-Command", script], capture_output=True,
                           timeout=PRINTER_TIMEOUT, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"Get-Printer 无应答：{exc}"
    out = r.stdout.decode("utf-8", "replace").strip()
    if r.returncode != 0 or not out:
        return False, f"Windows 中没有打印机「{name}」"
    status = out.splitlines()[-1].strip()
    if status in WINDOWS_PRINTER_READY:
        return True, f"打印机「{name}」就绪（{status}）"
    return False, f"打印机「{name}」不可用（{status}）"


# -- this process ---------------------------------------------------------------------------------
class PROCESS_MEMORY_COUNTERS(ctypes.Structure):
    _fields_ = [("cb", ctypes.c_ulong), ("PageFaultCount", ctypes.c_ulong),
                ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                ("QuotaPeakPagedPoolUsage", ctypes.c_size_t), ("QuotaPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t), ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t)]


def peak_rss_mb() -> float | None:
    """The most memory this process has held, in MiB (None if the OS does not say).
    Windows: GetProcessMemoryInfo's PeakWorkingSetSize.  Linux: ``VmHWM`` of /proc/self/status --
    not getrusage, whose ``ru_maxrss`` survives fork and exec, so that a child started by a large
    parent reported the parent's size (a rehearsal's master printed 398 MB, then 1,060 MB by the
    fifth day, as its bench process grew).  Other POSIX: getrusage."""
    if is_windows():
        counters = PROCESS_MEMORY_COUNTERS()
        counters.cb = ctypes.sizeof(counters)
        process = _kernel32().GetCurrentProcess()
        if not _psapi().GetProcessMemoryInfo(process, ctypes.byref(counters), counters.cb):
            return None
        return round(counters.PeakWorkingSetSize / 2**20, 1)
    hwm = _status_kib(PROC_STATUS, "VmHWM")
    if hwm is not None:
        return round(hwm / 1024, 1)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def disk_waits() -> int | None:
    """How often this process has waited for the disk to bring in a page of memory (major page
    faults: code, a font or a file mapped but not yet read) since it started; None where the OS
    does not say (Windows counts soft and hard faults together).  The rehearsed master notes it
    with each stall of its screen: a stall with disk waits is the disk, not the processor."""
    if is_windows():
        return None
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_majflt


THREAD_SCHEDSTAT = "/proc/thread-self/schedstat"


def thread_cpu_waits() -> tuple[float, float] | None:
    """Seconds the calling thread has run on a processor and waited, runnable, for one (the
    scheduler's run queue) since it started; None where the OS does not say (Windows; a POSIX
    without /proc).  The rehearsed master reads it on its UI thread at every tick: a stall spent
    waiting for a processor is a saturated machine; one spent neither running nor waiting for a
    processor is the thread asleep (the interpreter lock, a blocking call)."""
    if is_windows():
        return None
    try:
        with open(THREAD_SCHEDSTAT, encoding="ascii") as f:
            on_cpu, waiting = f.read().split()[:2]
        return int(on_cpu) / 1e9, int(waiting) / 1e9
    except (OSError, ValueError):
        return None


PROC_STATUS = "/proc/self/status"


def _status_kib(path: str, field: str) -> int | None:
    """A ``Field:   123 kB`` line of a Linux status file, in KiB (None: no such file or line)."""
    try:
        with open(path, encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _psapi():
    return ctypes.WinDLL("psapi", use_last_error=True)  # type: ignore[attr-defined]  # only on Windows


# -- this boot ------------------------------------------------------------------------------------
LINUX_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")
WINDOWS_BOOT_KEY = r"SYSTEM\CurrentControlSet\Control\Session Manager\Memory Management\PrefetchParameters"


def boot_id() -> str:
    """Something that changes at every boot of this machine ("" if unknown), so that a monotonic
    clock reading is only compared with one from the same boot.  Linux: the kernel's boot_id;
    Windows: the boot counter ``BootId`` in the registry."""
    if is_windows():
        try:
            import winreg  # type: ignore[import-not-found]  # only on Windows

            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, WINDOWS_BOOT_KEY) as key:
                value, _ = winreg.QueryValueEx(key, "BootId")
            return f"windows-boot-{int(value)}"
        except (OSError, ImportError, ValueError, TypeError):
            return ""
    try:
        return LINUX_BOOT_ID.read_text().strip()
    except OSError:
        return ""

