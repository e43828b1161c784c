from __future__ import annotations

from dataclasses import dataclass

from app.core.roles import Role


@dataclass(frozen=True)
class Actor:
    """Who is doing something: the logged-in person in one role, on one machine."""

    staff_id: int | None
    username: str
    name: str
    role: Role | str
    machine: str = ""

    @property
    def role_value(self) -> str:
        return str(self.role.value if isinstance(self.role, Role) else self.role)


SYSTEM_ROLE = "system"


def system_actor(machine: str = "") -> Actor:
    """The program itself (site creation, scheduled checkpoints).  Never passes a role check."""
    return Actor(None, "system", "系统", SYSTEM_ROLE, machine)
