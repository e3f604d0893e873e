"""Staff accounts and their roles."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .plan import Department
from .types import LabelledEnum, UTCDateTime, enum_column, utcnow


class StaffRole(LabelledEnum):
    ADMIN = "admin", "管理员"
    MODERATOR = "moderator", "举报受理员"
    EDITOR = "editor", "信息发布编辑"
    # A department's own account (承办单位): sees only the reports forwarded to it.
    HANDLER = "handler", "承办单位"


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(80), default="")
    # Where the daily digest goes (moderators); optional.
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    totp_secret: Mapped[str | None] = mapped_column(Text)  # Fernet-encrypted
    # The time step (Unix time // 30) of the last code accepted: a code is good once.
    totp_last_step: Mapped[int | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The one department a handler account acts for; empty for every other account.
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="RESTRICT"), index=True
    )
    department: Mapped["Department | None"] = relationship(lazy="joined")

    role_rows: Mapped[list["UserRole"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def roles(self) -> set[StaffRole]:
        return {row.role for row in self.role_rows}

    def has_role(self, *roles: StaffRole) -> bool:
        return bool(self.roles & set(roles))

    @property
    def totp_enabled(self) -> bool:
        return self.totp_secret is not None

    # Flask-Login's user protocol. Who is signed in is decided by the staff session record
    # (models.staff_sessions), never by this id alone.
    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class UserRole(db.Model):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[StaffRole] = mapped_column(enum_column(StaffRole), primary_key=True)


class SiteSetting(db.Model):
    """Settings an admin changes at run time (e.g. whether every account needs a second factor)."""

    __tablename__ = "site_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
