"""The readiness self-test (考前自检), pure: thresholds, each check's verdict, the report's
canonical form.  The service measures (disk, cameras, power, clock, store, keys, terminals,
printer); everything here only judges figures it is given.  No files, no clock, no Qt, no SQL.

A report is a JSON object; it is signed with the site key (Ed25519) over its canonical bytes:
UTF-8 JSON, keys sorted, separators ``,`` and ``:``, no ASCII escaping (``canonical``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

OK, WARN, FAIL, SKIPPED = "ok", "warn", "fail", "skipped"
STATUSES = (OK, WARN, FAIL, SKIPPED)
MARKS = {OK: "✓", WARN: "!", FAIL: "✗", SKIPPED: "-"}
STATUS_NAMES = {OK: "通过", WARN: "注意", FAIL: "不通过", SKIPPED: "未检查"}

REPORT_KIND = "examsite-readiness"
REPORT_FORMAT = 1

GB = 1024 ** 3
DEFAULT_HOURS_PER_DAY = 8.0
# MJPG in .avi (app.camera.recorder), 1280x720 at 15 fps, quality 75: about 1.1 MB/s of a real
# room, i.e. about 4 GB per camera-hour.  A site that has recorded uses its own measured rate.
DEFAULT_BYTES_PER_CAMERA_HOUR = 4 * GB
SKEW_WARN_SECONDS = 2.0
SKEW_FAIL_SECONDS = 30.0  # half the link's signature window (app.net.protocol.WINDOW = 60 s)
BATTERY_WARN_PERCENT = 80
BATTERY_FAIL_PERCENT = 20
TERMINAL_RECENT_SECONDS = 300.0

# key -> title, in report order
CHECKS = {
    "disk": "录像磁盘空间",
    "cameras": "摄像头画面",
    "power": "供电",
    "clock": "时钟同步",
    "store": "数据库完整性",
    "keys": "站点签名密钥",
    "journal": "操作日志链",
    "terminals": "考试终端",
    "printer": "打印机",
}


@dataclass(frozen=True)
class CheckResult:
    key: str
    status: str
    message: str
    figures: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        return CHECKS.get(self.key, self.key)

    @property
    def mark(self) -> str:
        return MARKS[self.status]

    def to_dict(self) -> dict:
        return {"key": self.key, "title": self.title, "status": self.status, "message": self.message,
                "figures": dict(self.figures)}


def canonical(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _gb(n: float) -> str:
    return f"{n / GB:.1f} GB"


# -- disk -------------------------------------------------------------------------------
def recording_bytes(cameras: int, hours: float, bytes_per_camera_hour: float) -> int:
    return int(max(0, cameras) * max(0.0, hours) * max(0.0, bytes_per_camera_hour))


def disk_check(free: int, cameras: int, hours: float, bytes_per_camera_hour: float, warn_below: int,
               stop_below: int, rate_measured: bool = False) -> CheckResult:
    """After recording ``hours`` on every camera, the free space must stay above the watchdog's
    stop level (fail otherwise) and should stay above its warning level."""
    need = recording_bytes(cameras, hours, bytes_per_camera_hour)
    left = free - need
    figures = {"free_bytes": int(free), "needed_bytes": need, "left_after_bytes": int(left), "cameras": cameras,
               "hours": hours, "bytes_per_camera_hour": int(bytes_per_camera_hour),
               "rate_measured": rate_measured, "warn_below_bytes": int(warn_below),
               "stop_below_bytes": int(stop_below)}
    base = f"剩余 {_gb(free)}，{cameras} 路摄像头录 {hours:g} 小时约需 {_gb(need)}"
    if left < stop_below:
        return CheckResult("disk", FAIL, f"{base}，录完剩余将低于停录线 {_gb(stop_below)}，请清理或更换磁盘", figures)
    if left < warn_below:
        return CheckResult("disk", WARN, f"{base}，录完剩余将低于预警线 {_gb(warn_below)}", figures)
    return CheckResult("disk", OK, f"{base}，录完仍剩 {_gb(left)}", figures)


# -- cameras ----------------------------------------------------------------------------
@dataclass(frozen=True)
class CameraProbe:
    code: str
    source: str
    ok: bool
    width: int = 0
    height: int = 0
    jpeg_bytes: int = 0
    seconds: float = 0.0
    error: str = ""


def cameras_check(probes: list[CameraProbe]) -> CheckResult:
    figures = {"configured": len(probes), "giving_frames": sum(p.ok for p in probes),
               "cameras": [asdict(p) for p in probes]}
    if not probes:
        return CheckResult("cameras", WARN, "未配置摄像头，考场将无录像", figures)
    bad = [p for p in probes if not p.ok]
    if bad:
        names = "、".join(f"{p.code}（{p.error or '无画面'}）" for p in bad)
        return CheckResult("cameras", FAIL, f"{len(bad)}/{len(probes)} 路摄像头无画面：{names}", figures)
    sizes = "、".join(f"{p.code} {p.width}x{p.height}" for p in probes)
    return CheckResult("cameras", OK, f"{len(probes)} 路摄像头均有画面：{sizes}", figures)


# -- power ------------------------------------------------------------------------------
@dataclass(frozen=True)
class PowerSupply:
    name: str
    kind: str  # Battery / Mains / USB ...
    online: bool | None = None  # mains adapters
    capacity: int | None = None  # batteries, percent
    status: str = ""  # batteries: Charging / Discharging / Full / Not charging / Unknown


def power_check(supplies: list[PowerSupply]) -> CheckResult:
    figures = {"supplies": [asdict(p) for p in supplies]}
    batteries = [p for p in supplies if p.kind == "Battery"]
    mains = [p for p in supplies if p.kind != "Battery"]
    on_mains = any(p.online for p in mains) or any(b.status in ("Charging", "Full", "Not charging") for b in batteries)
    if not batteries:
        note = "外接电源" if on_mains else "台式机或电源状态未知"
        return CheckResult("power", OK, f"未检测到电池（{note}）", {**figures, "on_mains": on_mains})
    level = min(b.capacity for b in batteries if b.capacity is not None) if any(
        b.capacity is not None for b in batteries) else None
    figures.update(on_mains=on_mains, battery_percent=level)
    shown = f"{level}%" if level is not None else "未知"
    if on_mains:
        return CheckResult("power", OK, f"接通外接电源，电池 {shown}", figures)
    if level is not None and level < BATTERY_FAIL_PERCENT:
        return CheckResult("power", FAIL, f"正在使用电池供电，电量仅 {shown}，请立即接通电源", figures)
    if level is None or level < BATTERY_WARN_PERCENT:
        return CheckResult("power", WARN, f"正在使用电池供电（电量 {shown}），请接通电源", figures)
    return CheckResult("power", OK, f"正在使用电池供电，电量 {shown}（建议接通电源）", figures)


# -- clock ------------------------------------------------------------------------------
def clock_check(skew: float | None, is_master: bool, error: str = "", round_trip: float | None = None) -> CheckResult:
    """``skew`` = master clock minus this machine's clock, in seconds."""
    figures = {"is_master": is_master, "skew_seconds": None if skew is None else round(skew, 3),
               "round_trip_seconds": None if round_trip is None else round(round_trip, 3)}
    if is_master:
        return CheckResult("clock", OK, "本机即考点主机，时差为 0", {**figures, "skew_seconds": 0.0})
    if skew is None:
        return CheckResult("clock", FAIL, f"无法从考点主机取得时间：{error or '无应答'}", figures)
    text = f"与考点主机时差 {skew:+.1f} 秒"
    if abs(skew) > SKEW_FAIL_SECONDS:
        return CheckResult("clock", FAIL, f"{text}，超过 {SKEW_FAIL_SECONDS:g} 秒，请校准本机时间", figures)
    if abs(skew) > SKEW_WARN_SECONDS:
        return CheckResult("clock", WARN, f"{text}，超过 {SKEW_WARN_SECONDS:g} 秒，建议校准", figures)
    return CheckResult("clock", OK, text, figures)


# -- store, keys, journal ---------------------------------------------------------------
def store_check(problems: list[str], db_bytes: int, seconds: float) -> CheckResult:
    figures = {"problems": list(problems[:10]), "db_bytes": int(db_bytes), "seconds": round(seconds, 3)}
    if problems:
        return CheckResult("store", FAIL, "数据库完整性检查失败：" + "；".join(problems[:3]), figures)
    return CheckResult("store", OK, f"数据库完整性检查通过（{db_bytes / 1024 / 1024:.1f} MB）", figures)


def keys_check(key_id: str, signed: bool, verified: bool, registered: bool, error: str = "") -> CheckResult:
    figures = {"key_id": key_id, "signed": signed, "verified": verified, "registered_in_site_json": registered}
    if not key_id or not signed:
        return CheckResult("keys", FAIL, f"站点签名密钥不可用：{error or '无法签名'}", figures)
    if not registered:
        return CheckResult("keys", FAIL, f"站点签名密钥 {key_id} 未在 site.json 中登记", figures)
    if not verified:
        return CheckResult("keys", FAIL, f"站点签名密钥 {key_id} 的签名无法用登记的公钥验证", figures)
    return CheckResult("keys", OK, f"站点签名密钥 {key_id} 签名并验证通过", figures)


def journal_check(ok: bool, entries: int, checkpoints: int, last_checkpoint_seq: int, fault: str = "") -> CheckResult:
    figures = {"entries": entries, "checkpoints": checkpoints, "last_checkpoint_seq": last_checkpoint_seq,
               "fault": fault}
    if not ok:
        return CheckResult("journal", FAIL, f"操作日志校验失败：{fault}。请报告内部质量督导员，并在「操作日志」中点「校验日志完整性」",
                           figures)
    return CheckResult("journal", OK, f"操作日志链完好：{entries} 条，{checkpoints} 个签名检查点", figures)


# -- terminals --------------------------------------------------------------------------
def terminals_check(enrolled: list[tuple[str, str]], ages: dict[str, float] | None,
                    recent: float = TERMINAL_RECENT_SECONDS) -> CheckResult:
    """``enrolled``: (machine_id, name); ``ages``: seconds since each machine's last heartbeat on
    the live board (missing = never seen since the link started), or None when this process
    does not serve the site link."""
    seen = {m: round(a, 1) for m, a in (ages or {}).items()}
    figures = {"enrolled": len(enrolled), "link_served_here": ages is not None,
               "machines": [{"machine_id": m, "name": n, "seconds_since_seen": seen.get(m)} for m, n in enrolled]}
    if not enrolled:
        return CheckResult("terminals", WARN, "尚未登记任何考试终端", figures)
    if ages is None:
        return CheckResult("terminals", WARN, f"已登记 {len(enrolled)} 台终端；本进程未开启考点链路，无法确认终端在线",
                           figures)
    away = [m for m, _ in enrolled if m not in seen or seen[m] > recent]
    figures["reachable"] = len(enrolled) - len(away)
    if len(away) == len(enrolled):
        return CheckResult("terminals", FAIL, f"已登记 {len(enrolled)} 台终端，近 {recent / 60:g} 分钟内均未联络主机", figures)
    if away:
        return CheckResult("terminals", WARN, f"{len(away)}/{len(enrolled)} 台终端近 {recent / 60:g} 分钟内未联络主机："
                           + "、".join(away[:10]), figures)
    return CheckResult("terminals", OK, f"已登记 {len(enrolled)} 台终端，均在线", figures)


# -- printer ----------------------------------------------------------------------------
def printer_check(name: str, available: bool | None, detail: str = "") -> CheckResult:
    figures = {"printer": name, "available": available, "detail": detail}
    if not name:
        return CheckResult("printer", SKIPPED, "未配置打印机", figures)
    if not available:
        return CheckResult("printer", FAIL, f"打印机「{name}」不可用：{detail or '未找到'}", figures)
    return CheckResult("printer", OK, f"打印机「{name}」可用", figures)


# -- the report -------------------------------------------------------------------------
def verdict(checks: list[CheckResult]) -> str:
    statuses = {c.status for c in checks}
    if FAIL in statuses:
        return FAIL
    if WARN in statuses:
        return WARN
    return OK


VERDICT_TEXT = {OK: "全部通过，可以开考", WARN: "通过，但有需要注意的事项", FAIL: "未通过：有必须在开考前处理的问题"}


def build_report(*, site_id: str, plan_no: str, machine: str, at: str, by: dict, hours: float,
                 checks: list[CheckResult], seconds: float) -> dict:
    order = list(CHECKS)
    ordered = sorted(checks, key=lambda c: order.index(c.key) if c.key in order else len(order))
    v = verdict(ordered)
    return {"kind": REPORT_KIND, "format": REPORT_FORMAT, "site_id": site_id, "plan_no": plan_no or "",
            "machine": machine, "at": at, "by": dict(by), "hours": hours, "seconds": round(seconds, 3),
            "verdict": v, "verdict_text": VERDICT_TEXT[v], "checks": [c.to_dict() for c in ordered]}


def report_problems(report: dict) -> list[str]:
    """What makes a report unusable as a report (the signature is checked separately)."""
    out = []
    if report.get("kind") != REPORT_KIND:
        out.append("不是考前自检报告")
    checks = report.get("checks")
    if not isinstance(checks, list) or not checks:
        out.append("报告没有检查项")
    elif any(c.get("status") not in STATUSES for c in checks):
        out.append("检查项状态无效")
    elif report.get("verdict") != verdict([CheckResult(c["key"], c["status"], "") for c in checks]):
        out.append("总结论与各检查项不符")
    return out


def figure_summary(figures: dict, limit: int = 6) -> str:
    """The measured figures of one check on one line (scalars only; sizes in GB)."""
    parts = []
    for k, v in figures.items():
        if isinstance(v, (list, dict)) or v is None or v == "":
            continue
        if "bytes" in k and isinstance(v, (int, float)) and not isinstance(v, bool):
            v = f"{v / GB:.2f} GB"
        elif isinstance(v, float):
            v = f"{v:g}"
        parts.append(f"{k}={v}")
    return "，".join(parts[:limit])
