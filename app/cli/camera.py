"""`examsite camera ...`: configure cameras, record, bookmark, export clips, verify, purge."""

from __future__ import annotations

import datetime as _dt
import sys
import threading
from pathlib import Path

from app import platform
from app.cli import CliError, common
from app.core import sitetime


def _when(text: str) -> _dt.datetime:
    try:
        t = _dt.datetime.fromisoformat(text)
    except ValueError:
        raise CliError(f"时间格式有误：{text}（例：2026-11-22T09:30:00）", 2) from None
    return t if t.tzinfo else t.replace(tzinfo=sitetime.SITE_TZ)  # Beijing time unless an offset is given


def register(sub) -> None:
    p = sub.add_parser("camera", help="视频监控：摄像头、录像、情况标记、片段导出、保存期限")
    csub = p.add_subparsers(dest="what", metavar="ACTION")

    a = csub.add_parser("add", help="登记摄像头（按考场）")
    common.add_site(a)
    common.add_login(a)
    a.add_argument("--code", required=True, help="摄像头编号（ASCII，烧录到画面）")
    a.add_argument("--name", required=True)
    a.add_argument("--room", required=True, help="考场名称，如 第1考场")
    a.add_argument("--room-code", required=True, help="考场编号（ASCII），如 R01")
    a.add_argument("--source", required=True, help="摄像头序号、rtsp:// 或 http:// 地址、或视频文件")
    a.add_argument("--position", default="")
    a.add_argument("--loop", action="store_true", help="视频文件循环播放（演示）")
    a.set_defaults(func=cmd_add)

    ls = csub.add_parser("list", help="列出摄像头")
    common.add_site(ls)
    common.add_login(ls)
    ls.set_defaults(func=cmd_list)

    r = csub.add_parser("record", help="连续分段录像，直到时间到或按 Ctrl+C")
    common.add_site(r)
    common.add_login(r)
    r.add_argument("--camera", help="摄像头编号")
    r.add_argument("--room", help="录制该考场的全部摄像头")
    r.add_argument("--source", help="临时改用此视频源（仅限单个摄像头）")
    r.add_argument("--loop", action="store_true")
    r.add_argument("--segment-seconds", type=float, help="分段时长（秒），默认取站点设置（60）")
    r.add_argument("--minutes", type=float, help="录制时长（分钟）；不填则一直录制")
    r.set_defaults(func=cmd_record)

    b = csub.add_parser("bookmark", help="记录考场情况时间点")
    common.add_site(b)
    common.add_login(b)
    b.add_argument("--room", required=True)
    b.add_argument("--text", required=True)
    b.add_argument("--at", help="时间（默认现在）")
    b.set_defaults(func=cmd_bookmark)

    c = csub.add_parser("clip", help="导出一段可播放的录像片段（.avi）")
    common.add_site(c)
    common.add_login(c)
    c.add_argument("--camera", required=True)
    c.add_argument("--start", help="开始时间（ISO 格式）")
    c.add_argument("--seconds", type=float, default=60.0)
    c.add_argument("--bookmark", type=int, help="以该情况记录为中心（前后各 --seconds/2）")
    c.add_argument("--out", help="输出文件（默认 站点/media/clips/）")
    c.set_defaults(func=cmd_clip)

    v = csub.add_parser("verify", help="核对每个录像分段的哈希与日志登记是否一致")
    common.add_site(v)
    common.add_login(v)
    v.set_defaults(func=cmd_verify)

    pg = csub.add_parser("purge", help="列出可删除的过期录像；加 --yes 才删除（管理员）")
    common.add_site(pg)
    common.add_login(pg)
    pg.add_argument("--retention-days", type=int, help="保存天数（默认取站点设置，不少于 365）")
    pg.add_argument("--yes", action="store_true", help="确认删除所列录像")
    pg.set_defaults(func=cmd_purge)

    d = csub.add_parser("demo-video", help="生成一段演示/培训用的考场视频（MJPG .avi）")
    d.add_argument("out")
    d.add_argument("--seconds", type=float, default=60)
    d.add_argument("--fps", type=float, default=15)
    d.add_argument("--size", default="1280x720")
    d.add_argument("--label", default="DEMO")
    d.set_defaults(func=cmd_demo_video)

    s = csub.add_parser("snapshot", help="从摄像头或视频源取一张照片（JPEG）")
    common.add_site(s)
    common.add_login(s)
    s.add_argument("--source", required=True, help="摄像头编号或视频源")
    s.add_argument("--out", required=True)
    s.set_defaults(func=cmd_snapshot)


def _service(args):
    from app.services.camera import CameraService

    ctx = common.login(args)
    return ctx, CameraService(ctx)


def cmd_add(args) -> int:
    ctx, svc = _service(args)
    try:
        svc.add_camera(args.code, args.name, args.room, args.room_code, args.source, position=args.position,
                       loop=args.loop)
    finally:
        ctx.handle.close()
    print(f"已登记摄像头 {args.code}（{args.room}）")
    return 0


def cmd_list(args) -> int:
    ctx, svc = _service(args)
    try:
        for c in svc.cameras(include_inactive=True):
            print(f"{c.code}\t{c.room}({c.room_code})\t{c.name}\t{c.source_kind}:{c.source}"
                  f"{'' if c.active else '  [已停用]'}")
    finally:
        ctx.handle.close()
    return 0


def cmd_record(args) -> int:
    from app.camera.sources import SourceSpec

    ctx, svc = _service(args)
    workers = []
    try:
        if args.camera:
            codes = [args.camera]
        elif args.room:
            codes = [c.code for c in svc.cameras(room=args.room)]
        else:
            raise CliError("请指定 --camera 或 --room", 2)
        if not codes:
            raise CliError(f"考场「{args.room}」没有登记摄像头", 2)
        if args.source and len(codes) != 1:
            raise CliError("--source 只能用于单个摄像头", 2)
        source = SourceSpec.parse(args.source, args.loop) if args.source else None
        max_seconds = args.minutes * 60 if args.minutes else None
        stop = threading.Event()

        def status(code, state, message):
            print(f"[{code}] {state} {message}", flush=True)

        for code in codes:
            workers.append(svc.recorder(code, segment_seconds=args.segment_seconds, max_seconds=max_seconds,
                                        source=source, on_status=status).start())

        def on_signal(signum, frame):
            stop.set()

        platform.on_stop(on_signal)  # Ctrl+C, and SIGTERM (POSIX) or Ctrl+Break (Windows)
        while not stop.is_set() and any(not w.finished.is_set() for w in workers):
            stop.wait(0.2)
        for w in workers:
            w.stop()
        for w in workers:
            st = w.stats
            print(f"{w.code}: 分段 {st.segments}，录制帧 {st.recorded}/{st.offered}，丢帧 {st.dropped}，中断 {st.gaps}")
    finally:
        for w in workers:
            w.stop()
        ctx.handle.close()
    return 0


def cmd_bookmark(args) -> int:
    ctx, svc = _service(args)
    try:
        bid = svc.bookmark(args.room, args.text, _when(args.at) if args.at else None)
    finally:
        ctx.handle.close()
    print(f"已记录情况 #{bid}")
    return 0


def cmd_clip(args) -> int:
    ctx, svc = _service(args)
    try:
        if args.bookmark:
            half = args.seconds / 2
            video = svc.bookmark_video(args.bookmark, half, half)
            start, end = video.start, video.end
        elif args.start:
            start = _when(args.start)
            end = start + _dt.timedelta(seconds=args.seconds)
        else:
            raise CliError("请指定 --start 或 --bookmark", 2)
        clip = svc.export_clip(args.camera, start, end, args.out, bookmark_id=args.bookmark)
    finally:
        ctx.handle.close()
    print(f"已导出 {clip.path}（{clip.frames} 帧，{clip.seconds:.1f} 秒，SHA-256 {clip.sha256}）")
    return 0


def cmd_verify(args) -> int:
    ctx, svc = _service(args)
    try:
        problems = svc.verify_segments()
        n = len(svc.segments())
    finally:
        ctx.handle.close()
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    print(f"录像完好：{n} 个分段的哈希与日志一致")
    return 0


def cmd_purge(args) -> int:
    ctx, svc = _service(args)
    try:
        plan = svc.retention_plan(args.retention_days)
        go = [i for i in plan if i.purgeable]
        for i in plan:
            print(f"{'删除' if i.purgeable else '保留'}\t#{i.segment_id}\t{i.camera_code}\t{i.plan_no or '-'}\t"
                  f"{sitetime.text(i.start)}\t{i.reason}")
        if not go:
            print("没有可删除的录像")
            return 0
        if not args.yes:
            print(f"共 {len(go)} 个分段可删除；确认请加 --yes")
            return 0
        n = svc.purge([i.segment_id for i in go], confirmed=True, retention_days=args.retention_days)
    finally:
        ctx.handle.close()
    print(f"已删除 {n} 个录像分段（索引与日志保留）")
    return 0


def cmd_snapshot(args) -> int:
    ctx, svc = _service(args)
    try:
        data = svc.snapshot(args.source)
    finally:
        ctx.handle.close()
    Path(args.out).write_bytes(data)
    print(f"已保存 {args.out}（{len(data)} 字节）")
    return 0


def cmd_demo_video(args) -> int:
    from app.camera.synthetic import write_test_video

    try:
        w, h = (int(x) for x in args.size.lower().split("x"))
    except ValueError:
        raise CliError(f"画面尺寸格式有误：{args.size}（例：1280x720）", 2) from None
    path = write_test_video(Path(args.out), int(args.seconds * args.fps), args.fps, (w, h), args.label)
    print(f"已生成 {path}（{args.seconds:.0f} 秒，{w}x{h}，{args.fps:g} fps）")
    return 0
