"""Column types and helpers shared by the models."""

from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum

from markupsafe import Markup
from sqlalchemy import DateTime, Enum, Numeric, String, Text
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class ExactDecimal(TypeDecorator):
    """A published figure kept exactly as written: 2.00 stays 2.00, 36319 stays 36319.

    Unconstrained NUMERIC on PostgreSQL (it keeps the scale it is given); text on SQLite,
    whose NUMERIC would round-trip through a float.
    """

    impl = Numeric()
    cache_ok = True
    migration_type = "sa.Numeric().with_variant(sa.String(length=40), 'sqlite')"

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(40))
        return dialect.type_descriptor(Numeric())

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = Decimal(value)
        return str(value) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(value)


class SanitisedHTML(TypeDecorator):
    """HTML produced by portal.rendering.render_markdown, handed back ready to print.

    Only the rendering function's output is ever stored here, so pages need no |safe.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else str(value)

    def process_result_value(self, value, dialect):
        return None if value is None else Markup(value)  # noqa: S704 - sanitised at save


def canonical_decimal(value: Decimal) -> Decimal:
    """2.660000 → 2.66 and 70.000 → 70 (normalize alone would give 7E+1)."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


class UTCDateTime(TypeDecorator):
    """An aware UTC timestamp on every engine (SQLite would hand back a naive one)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware one is required")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry their Chinese label: Status.DONE.label == "已完成"."""

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


def enum_column(enum_class: type[LabelledEnum]) -> Enum:
    """Store an enum by its value (not its Python name), as a plain string column."""
    return Enum(
        enum_class,
        native_enum=False,
        length=max(len(m.value) for m in enum_class) + 8,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
