"""A filesystem that loses what was not fsynced: a power cut on demand (after Jepsen's LazyFS).

Mounted with FUSE over a backing folder.  Every ``write`` and ``truncate`` stays in this
process's memory until the file is ``fsync``ed; only then does it reach the backing folder
(and the backing file is fsynced in turn).  Reads see the pending data, as a page cache
would.  On ``cut`` every pending write is dropped and every later change is refused with
EIO, as if the power went out: the test kills the processes using the mount at the same
moment, unmounts, and mounts again over the same backing folder, which then holds exactly
what had been made durable.

Only file *data* is lazy.  Creating, renaming and removing files reach the backing folder at
once (LazyFS's default too), so the test finds data that was not synced before a rename,
not a missing directory fsync.

Faults on demand: ``full on|off`` answers every write, truncate and create with ENOSPC, and
``eio on|off`` answers every fsync with EIO (after dropping nothing: the data stays pending).

    python -m tests.robustness.lazyfs BACKING MOUNTPOINT

Commands come one per line on standard input (``cut``, ``full on``, ``full off``,
``eio on``, ``eio off``, ``pending``); each is answered by one line on standard output
(``ok``, or ``pending`` and a JSON list of files).  ``ready`` is printed once the mount is up.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path


class _Node:
    """One file's pending content: the whole file as it would read now, or None when clean."""

    __slots__ = ("path", "data", "opens")

    def __init__(self, path: str):
        self.path = path
        self.data: bytearray | None = None
        self.opens = 0


def make_operations(backing: str):
    import mfusepy as fuse

    class LazyOperations(fuse.Operations):
        use_ns = True

        def __init__(self):
            self.root = os.path.realpath(backing)
            self.mutex = threading.RLock()
            self.nodes: dict[str, _Node] = {}
            self.handles: dict[int, _Node] = {}
            self.next_fh = 1
            self.cut = False
            self.full = False
            self.eio_fsync = False

        # ---- helpers -------------------------------------------------------------
        def _real(self, path: str) -> str:
            return os.path.join(self.root, path.lstrip("/"))

        def _refuse_change(self, full_too: bool = True) -> None:
            if self.cut:
                raise fuse.FuseOSError(errno.EIO)
            if full_too and self.full:
                raise fuse.FuseOSError(errno.ENOSPC)

        def _node(self, path: str) -> _Node:
            node = self.nodes.get(path)
            if node is None:
                node = self.nodes[path] = _Node(path)
            return node

        def _load(self, node: _Node) -> bytearray:
            if node.data is None:
                with open(self._real(node.path), "rb") as f:
                    node.data = bytearray(f.read())
            return node.data

        def _fh(self, node: _Node) -> int:
            fh = self.next_fh
            self.next_fh += 1
            self.handles[fh] = node
            node.opens += 1
            return fh

        # ---- control -------------------------------------------------------------
        def power_cut(self) -> None:
            with self.mutex:
                self.cut = True
                for node in self.nodes.values():
                    node.data = None

        def pending(self) -> list[str]:
            """The files with data a cut would lose now (SQLite's -shm index is rebuilt at open
            and never synced, so it is left out)."""
            with self.mutex:
                return sorted(p for p, n in self.nodes.items() if n.data is not None and not p.endswith("-shm"))

        # ---- metadata ------------------------------------------------------------
        def getattr(self, path, fh=None):
            with self.mutex:
                st = os.lstat(self._real(path))
                attrs = {k: getattr(st, k) for k in ("st_mode", "st_nlink", "st_uid", "st_gid", "st_size")}
                attrs.update(st_atime=st.st_atime_ns, st_mtime=st.st_mtime_ns, st_ctime=st.st_ctime_ns)
                node = self.nodes.get(path)
                if node is not None and node.data is not None:
                    attrs["st_size"] = len(node.data)
                return attrs

        def access(self, path, amode):
            if not os.access(self._real(path), amode):
                raise fuse.FuseOSError(errno.EACCES)
            return 0

        def readdir(self, path, fh):
            return [".", ".."] + os.listdir(self._real(path))

        def statfs(self, path):
            sv = os.statvfs(self._real(path))
            stat = {k: getattr(sv, k) for k in ("f_bsize", "f_frsize", "f_blocks", "f_bfree", "f_bavail",
                                                 "f_files", "f_ffree", "f_favail", "f_flag", "f_namemax")}
            if self.full:
                stat.update(f_bfree=0, f_bavail=0)
            return stat

        def chmod(self, path, mode):
            self._refuse_change(full_too=False)
            os.chmod(self._real(path), mode)
            return 0

        def chown(self, path, uid, gid):
            self._refuse_change(full_too=False)
            os.chown(self._real(path), uid, gid)
            return 0

        def utimens(self, path, times=None):
            self._refuse_change(full_too=False)
            os.utime(self._real(path), ns=times)
            return 0

        def mkdir(self, path, mode):
            self._refuse_change()
            os.mkdir(self._real(path), mode)
            return 0

        def rmdir(self, path):
            self._refuse_change(full_too=False)
            os.rmdir(self._real(path))
            return 0

        def unlink(self, path):
            with self.mutex:
                self._refuse_change(full_too=False)
                os.unlink(self._real(path))
                node = self.nodes.pop(path, None)
                if node is not None:
                    node.path = None  # open handles keep reading and writing it, nowhere durable
                return 0

        def rename(self, old, new):
            with self.mutex:
                self._refuse_change(full_too=False)
                os.rename(self._real(old), self._real(new))
                gone = self.nodes.pop(new, None)
                if gone is not None:
                    gone.path = None
                node = self.nodes.pop(old, None)
                if node is not None:
                    node.path = new
                    self.nodes[new] = node
                prefix = old.rstrip("/") + "/"
                for p in [p for p in self.nodes if p.startswith(prefix)]:  # a folder moved
                    moved = self.nodes.pop(p)
                    moved.path = new.rstrip("/") + "/" + p[len(prefix):]
                    self.nodes[moved.path] = moved
                return 0

        def fsyncdir(self, path, datasync, fh):
            if self.cut:
                raise fuse.FuseOSError(errno.EIO)
            return 0

        # ---- files ---------------------------------------------------------------
        def create(self, path, mode, fi=None):
            with self.mutex:
                self._refuse_change()
                fd = os.open(self._real(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
                os.close(fd)
                node = self._node(path)
                node.data = None  # the empty file is what the backing folder holds
                return self._fh(node)

        def open(self, path, flags):
            with self.mutex:
                if flags & (os.O_WRONLY | os.O_RDWR) and self.cut:
                    raise fuse.FuseOSError(errno.EIO)
                if not os.path.exists(self._real(path)):
                    raise fuse.FuseOSError(errno.ENOENT)
                node = self._node(path)
                if flags & os.O_TRUNC:
                    self._refuse_change()
                    node.data = bytearray()
                return self._fh(node)

        def read(self, path, size, offset, fh):
            with self.mutex:
                node = self.handles[fh]
                if node.data is not None:
                    return bytes(node.data[offset:offset + size])
                if node.path is None:
                    return b""
                with open(self._real(node.path), "rb") as f:
                    f.seek(offset)
                    return f.read(size)

        def write(self, path, data, offset, fh):
            with self.mutex:
                self._refuse_change()
                node = self.handles[fh]
                buf = self._load(node) if node.path is not None else (node.data or bytearray())
                node.data = buf
                end = offset + len(data)
                if len(buf) < offset:
                    buf.extend(b"\0" * (offset - len(buf)))
                buf[offset:end] = data
                return len(data)

        def truncate(self, path, length, fh=None):
            with self.mutex:
                self._refuse_change(full_too=length > 0)
                node = self.handles[fh] if fh else self._node(path)
                buf = self._load(node) if node.path is not None else (node.data or bytearray())
                if len(buf) > length:
                    del buf[length:]
                else:
                    buf.extend(b"\0" * (length - len(buf)))
                node.data = buf
                return 0

        def fallocate(self, path, mode, offset, size, fh):
            raise fuse.FuseOSError(errno.EOPNOTSUPP)

        def flush(self, path, fh):
            return 0

        def fsync(self, path, datasync, fh):
            with self.mutex:
                if self.cut or self.eio_fsync:
                    raise fuse.FuseOSError(errno.EIO)
                node = self.handles[fh]
                if node.data is not None and node.path is not None:
                    fd = os.open(self._real(node.path), os.O_WRONLY)
                    try:
                        os.ftruncate(fd, len(node.data))
                        os.pwrite(fd, bytes(node.data), 0)
                        os.fsync(fd)
                    finally:
                        os.close(fd)
                    node.data = None
                return 0

        def release(self, path, fh):
            with self.mutex:
                node = self.handles.pop(fh)
                node.opens -= 1
                if node.opens == 0 and node.data is None and node.path in self.nodes:
                    del self.nodes[node.path]
                elif node.opens == 0 and node.path is None:
                    pass  # removed while open: its pending data goes with it
                return 0

    return LazyOperations()


def serve(backing: str, mountpoint: str) -> None:
    """Mount and answer commands on stdin until the mount is gone."""
    import mfusepy as fuse

    ops = make_operations(backing)

    def commands():
        while not os.path.ismount(mountpoint):
            time.sleep(0.01)
        print("ready", flush=True)
        for line in sys.stdin:
            word = line.split()
            if not word:
                continue
            if word[0] == "cut":
                ops.power_cut()
            elif word[0] == "full":
                ops.full = word[1] == "on"
            elif word[0] == "eio":
                ops.eio_fsync = word[1] == "on"
            elif word[0] == "pending":
                print("pending " + json.dumps(ops.pending(), ensure_ascii=False), flush=True)
                continue
            print("ok", flush=True)

    threading.Thread(target=commands, daemon=True).start()
    # direct_io off: SQLite maps its -shm file, which FUSE allows only through the page cache
    fuse.FUSE(ops, mountpoint, foreground=True, nothreads=False, attr_timeout=0, entry_timeout=0,
              negative_timeout=0)


class LazyMount:
    """The test's handle on one mount: start, power-cut, fault and unmount it."""

    def __init__(self, backing: Path, mountpoint: Path):
        self.backing = Path(backing)
        self.mountpoint = Path(mountpoint)
        self.proc: subprocess.Popen | None = None

    def start(self) -> "LazyMount":
        self.mountpoint.mkdir(parents=True, exist_ok=True)
        root = Path(__file__).resolve().parents[2]
        env = dict(os.environ, PYTHONPATH=str(root))
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.robustness.lazyfs", str(self.backing),
                                      str(self.mountpoint)], cwd=root, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if line.strip() != "ready":
            self.proc.kill()
            raise RuntimeError(f"lazyfs did not mount: {line!r} {self.proc.stderr.read()}")
        return self

    def command(self, text: str) -> str:
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def pending(self) -> list[str]:
        """Files (mount-relative) holding data that a cut now would lose."""
        answer = self.command("pending")
        assert answer.startswith("pending "), answer
        return json.loads(answer[8:])

    def cut(self) -> list[str]:
        """Cut the power; returns what was lost (files with unsynced data)."""
        lost = self.pending()
        assert self.command("cut") == "ok"
        return lost

    def stop(self) -> None:
        if self.proc is None:
            return
        for _ in range(50):
            r = subprocess.run(["fusermount3", "-u", str(self.mountpoint)], capture_output=True)
            if r.returncode == 0 or not os.path.ismount(self.mountpoint):
                break
            time.sleep(0.1)
        else:
            subprocess.run(["fusermount3", "-u", "-z", str(self.mountpoint)], capture_output=True)
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


def available() -> str | None:
    """Why a FUSE mount cannot be made here, or None when it can."""
    if not os.path.exists("/dev/fuse"):
        return "no /dev/fuse"
    if shutil.which("fusermount3") is None:
        return "fusermount3 missing (Debian package fuse3)"
    try:
        import mfusepy  # noqa: F401
    except (ImportError, OSError) as e:
        return f"mfusepy cannot load libfuse: {e}"
    return None


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2])
