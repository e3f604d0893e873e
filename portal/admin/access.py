"""Who may open what under /admin. Each view declares its access once, with one of the
decorators below; the gate (portal.admin) enforces it for every view under /admin. A view
that declares nothing is open to nobody."""

from dataclasses import dataclass

from flask import request
from flask_login import current_user

from ..models import StaffRole
from ..services.common.audit import Actor


@dataclass(frozen=True)
class Access:
    roles: frozenset[StaffRole] = frozenset()  # empty: any signed-in member of staff
    signed_in: bool = True  # False: the sign-in pages themselves, open to anybody
    while_enrolling: bool = False  # open to an account that must still set up its second factor

    def admits(self, user) -> bool:
        return not self.roles or user.has_role(*self.roles)


def allow(*roles: StaffRole, signed_in: bool = True, while_enrolling: bool = False):
    access = Access(frozenset(roles), signed_in, while_enrolling)

    def declare(view):
        view.access = access
        return view

    return declare


sign_in_page = allow(signed_in=False, while_enrolling=True)
enrolment_page = allow(while_enrolling=True)
any_staff = allow()
admin_only = allow(StaffRole.ADMIN)
moderator_only = allow(StaffRole.MODERATOR)
editor_only = allow(StaffRole.EDITOR)
# Pages a department's handler shares with the moderators (the handler's own view narrows
# what it shows to the reports forwarded to that department).
handler_or_moderator = allow(StaffRole.HANDLER, StaffRole.MODERATOR)
handler_only = allow(StaffRole.HANDLER)


def access_of(view) -> Access | None:
    return getattr(view, "access", None)


def actor() -> Actor:
    user = current_user if current_user.is_authenticated else None
    return Actor.of(user, request.remote_addr)
