"""The USB road of a terminal or station (mixed into ``TerminalNode``): its own records
written to an answer pack for the master (``NetService.import_pack``), and a pack of the
master's commands for it read in (``StationAdmin.write_command_pack`` writes one).  One
record format, one road: the records in a pack are exactly those of the LAN, and each is
kept once whichever road it took."""

from __future__ import annotations

from pathlib import Path

from app.core import records as rec
from app.core.errors import DomainError


class PackRoad:
    def write_pack(self, path: Path | str) -> Path:
        """Every record of this machine in one file for removable media (the master keeps each
        record once, whichever road it took, so a pack may repeat what the link delivered)."""
        from app.formats.answer_pack import write_pack

        machine_id = self.machine_id  # NotEnrolled before anything is written
        envs = self.outbox()
        try:
            path = write_pack(path, self.identity["site_id"], machine_id, envs)
        except OSError as exc:
            raise DomainError(f"无法写入答题包 {Path(path).name}：{exc.strerror or exc}") from None
        with self.ctx.unit_of_work() as uow:
            uow.journal("net.pack_written", Path(path).name, {"count": len(envs),
                                                              "last": envs[-1].header.seq if envs else 0})
        return path

    def read_command_pack(self, path: Path | str) -> int:
        """The master's commands for this machine from a pack on removable media (the road
        when the link is down): checked and kept exactly as over the LAN, each once whichever
        road it took (those already held are skipped).  Returns how many were new."""
        from app.formats.answer_pack import PackRejected, read_pack

        machine_id = self.machine_id  # NotEnrolled
        head, envelopes = read_pack(path, self.identity["site_id"])
        name = Path(path).name
        if head.get("machine") != rec.MASTER or head.get("recipient", machine_id) != machine_id:
            raise PackRejected(f"数据包 {name} 不是主机发给本机（{machine_id}）的指令包")
        fresh = sorted((e for e in envelopes if e.header.seq > self.commands_seen), key=lambda e: e.header.seq)
        if fresh and fresh[0].header.seq != self.commands_seen + 1:
            raise PackRejected(f"数据包 {name} 缺少第 {self.commands_seen + 1} 条起的指令，请在主机上重新导出")
        before = self.commands_seen
        try:
            self._take_commands([e.to_dict() for e in fresh], via="pack")
        except rec.RecordRejected as exc:
            raise PackRejected(f"数据包 {name}：{exc}") from None
        return self.commands_seen - before
