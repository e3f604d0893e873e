"""What a valid report is: every rule about the fields, in one place, for the web form, the
staff hotline form and the CLI alike. Messages are the Chinese the citizen reads."""

import re
import unicodedata
from dataclasses import MISSING, dataclass, field, fields
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from ...models import District
from .location import BadCoordinates, coordinates

DESCRIPTION_MIN = 20
DESCRIPTION_MAX = 5000
PLACE_MAX = 500
SUBJECT_MAX = 200
EARLIEST_DATE = date(2000, 1, 1)
# Control characters other than line breaks and tabs (NUL included) are never legitimate.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InvalidReport(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class Kind(StrEnum):
    """The shape of a field's value, which decides the control that asks for it."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    FILES = "files"
    YES_NO = "yes_no"


@dataclass(frozen=True)
class ReportField:
    """How every intake asks for one field of a report."""

    name: str
    label: str  # the Chinese label of the web form and the hotline form
    kind: Kind
    required: bool  # the command line insists on it (the rules decide for everyone)
    cli: str | None  # the command line's hint after the label; None: not asked there
    default: object = None


def _asked(
    label: str,
    kind: Kind = Kind.TEXT,
    *,
    required: bool = False,
    cli: str | None = "",
    default: object = "",
):
    """A ReportInput attribute carrying how it is asked for, so that the attribute list is
    the only list of a report's fields (report_fields reads it back)."""
    about = {"label": label, "kind": kind, "required": required, "cli": cli}
    if kind == Kind.FILES:
        return field(default_factory=list, metadata=about)
    return field(default=default, metadata=about)


@dataclass(frozen=True)
class ReportInput:
    """The report as given (text, the evidence files, the consent), nothing trusted yet.

    This is the one list of a report's fields: the web form, the hotline form and the CLI
    are made from it, so a new field is one line here (and its rule in validate). The order
    is the order of the error summary."""

    category: str = _asked(
        "举报类别", required=True, cli="类别代码，见 content/report_categories.yaml"
    )
    district: str = _asked("所在区县", required=True, cli="区县代码，如 xingshan")
    place: str = _asked("具体地点", Kind.LONG_TEXT, required=True)
    # Filled by "使用我的位置" (static/js/report-form.js) with the reporter's consent; the
    # command line and the hotline form do not ask.
    latitude: str = _asked("纬度（选填）", cli=None)
    longitude: str = _asked("经度（选填）", cli=None)
    occurred_on: str = _asked("发生日期", required=True, cli="YYYY-MM-DD")
    occurred_time: str = _asked("发生时间（选填）", cli="HH:MM")
    subject: str = _asked("涉及的企业或单位（选填）")
    description: str = _asked("情况描述", Kind.LONG_TEXT, required=True)
    evidence: list[tuple[bytes, str | None]] = _asked("证据材料（选填）", Kind.FILES, cli=None)
    # The command line asks for no identity: a name makes the report a named one.
    identity: str = _asked("举报方式", cli=None, default="anonymous")
    name: str = _asked("姓名", cli="实名举报时填写")
    phone: str = _asked("联系电话")
    email: str = _asked("电子邮箱")
    # 接收办理进度通知: sent to the phone / email above, so only for named reports.
    notify_sms: bool = _asked("短信", Kind.YES_NO, cli=None, default=False)
    notify_email: bool = _asked("电子邮件", Kind.YES_NO, cli=None, default=False)
    consent: bool = _asked(
        "我已阅读隐私说明，同意按其中所述处理我提交的信息", Kind.YES_NO, cli=None, default=False
    )


def report_fields() -> list[ReportField]:
    """The report's fields in order, as ReportInput declares them."""
    return [
        ReportField(f.name, default=None if f.default is MISSING else f.default, **f.metadata)
        for f in fields(ReportInput)
    ]


@dataclass(frozen=True)
class CleanReport:
    category: str
    district: District
    place: str
    latitude: Decimal | None
    longitude: Decimal | None
    occurred_on: date
    occurred_time: time | None
    subject: str | None
    description: str
    anonymous: bool
    name: str | None
    phone: str | None
    email: str | None
    notify_sms: bool = False
    notify_email: bool = False


def validate(given: ReportInput, *, categories: set[str], now: datetime) -> CleanReport:
    """Return the cleaned report, or raise InvalidReport with one message per bad field."""
    errors: dict[str, str] = {}
    text = {name: _clean(getattr(given, name)) for name in _TEXT_FIELDS}
    for name, value in text.items():
        if CONTROL.search(value):
            errors[name] = "含有无法识别的控制字符，请删除后重试。"

    def check(name: str, message: str | None) -> None:
        if message and name not in errors:
            errors[name] = message

    check("category", None if text["category"] in categories else "请选择举报类别。")
    check(
        "district", None if text["district"] in District._value2member_map_ else "请选择所在区县。"
    )
    check("place", _length(text["place"], "请填写具体地点", 2, PLACE_MAX))
    try:
        point = coordinates(text["latitude"], text["longitude"])
    except BadCoordinates as bad:
        point = None
        check(bad.field, bad.message)
    occurred_on, date_message = _parse_date(text["occurred_on"], now.date())
    check("occurred_on", date_message)
    occurred_time, time_message = _parse_time(text["occurred_time"], occurred_on, now)
    check("occurred_time", time_message)
    check("subject", _length(text["subject"], None, 0, SUBJECT_MAX))
    check("description", _description(text["description"]))
    anonymous = text["identity"] != "named"
    phone = email = None
    if not anonymous:
        check("name", _length(text["name"], "请填写您的姓名，或选择匿名举报", 1, 50))
        phone, phone_message = _phone(text["phone"])
        check("phone", phone_message)
        email, email_message = _email(text["email"])
        check("email", email_message)
        if not text["phone"] and not text["email"]:
            check("phone", "实名举报请至少留下电话或电子邮箱中的一项，以便我们联系您。")
    for name, message in _notification_problems(given, anonymous, text).items():
        check(name, message)
    if not given.consent:
        errors["consent"] = "请阅读并同意隐私说明后再提交。"
    if errors:
        raise InvalidReport(errors)
    return CleanReport(
        category=text["category"],
        district=District(text["district"]),
        place=text["place"],
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        occurred_on=occurred_on,
        occurred_time=occurred_time,
        subject=text["subject"] or None,
        description=text["description"],
        anonymous=anonymous,
        name=None if anonymous else text["name"],
        phone=phone,
        email=email,
        notify_sms=bool(given.notify_sms) and not anonymous,
        notify_email=bool(given.notify_email) and not anonymous,
    )


ANONYMOUS_NOTIFY = (
    "匿名举报不能接收办理进度通知：通知要发到您留下的手机或邮箱，而匿名举报不保存任何联系方式。"
    "请改选实名举报，或取消勾选通知，凭举报编号和回执码查询进展。"
)


def _notification_problems(given: ReportInput, anonymous: bool, text: dict) -> dict[str, str]:
    problems = {}
    if anonymous:
        if given.notify_sms or given.notify_email:
            problems["notify_sms" if given.notify_sms else "notify_email"] = ANONYMOUS_NOTIFY
        return problems
    if given.notify_sms and not text["phone"]:
        problems["notify_sms"] = "选择短信通知，请在“联系电话”中填写手机号码。"
    elif given.notify_sms and not _is_mobile(text["phone"]):
        problems["notify_sms"] = "短信通知只能发到手机，请填写手机号码，或取消勾选短信。"
    if given.notify_email and not text["email"]:
        problems["notify_email"] = "选择邮件通知，请填写电子邮箱。"
    return problems


MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    phonenumbers.PhoneNumberType.UNKNOWN,
}


def _is_mobile(value: str) -> bool:
    try:
        number = phonenumbers.parse(value, "CN")
    except phonenumbers.NumberParseException:
        return True  # the phone field's own message says what is wrong
    kind = phonenumbers.number_type(number)
    return kind in MOBILE_TYPES


_TEXT_FIELDS = tuple(f.name for f in report_fields() if f.kind in (Kind.TEXT, Kind.LONG_TEXT))


def suggested_subject(value: str) -> str:
    """涉及对象 offered by a link ("举报该企业" on a register page, ?subject=…): anybody can
    write such a link, so it is cleaned like typed text, stripped of control characters and
    cut to what the field takes; the citizen sees it and may change it before sending."""
    return CONTROL.sub("", _clean(value))[:SUBJECT_MAX].strip()


def _clean(value) -> str:
    return unicodedata.normalize("NFC", str(value or "")).strip()


def _length(value: str, missing: str | None, minimum: int, maximum: int) -> str | None:
    if not value and minimum:
        return f"{missing}。"
    if len(value) < minimum:
        return f"至少填写 {minimum} 个字。"
    if len(value) > maximum:
        return f"不能超过 {maximum} 个字（现有 {len(value)} 个字）。"
    return None


def _description(value: str) -> str | None:
    if not value:
        return "请描述您看到的情况。"
    if len(value) < DESCRIPTION_MIN:
        return f"请至少写 {DESCRIPTION_MIN} 个字，说明发生了什么（现有 {len(value)} 个字）。"
    if len(value) > DESCRIPTION_MAX:
        return f"不能超过 {DESCRIPTION_MAX} 个字（现有 {len(value)} 个字），请精简后再提交。"
    return None


def _parse_date(value: str, today: date) -> tuple[date | None, str | None]:
    if not value:
        return None, "请填写发生日期。"
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return None, "日期格式应为 年-月-日，例如 2026-11-20。"
    if parsed > today:
        return None, "发生日期不能晚于今天。"
    if parsed < EARLIEST_DATE:
        return None, f"发生日期不能早于 {EARLIEST_DATE.year} 年。"
    return parsed, None


def _parse_time(value: str, on: date | None, now: datetime) -> tuple[time | None, str | None]:
    if not value:
        return None, None
    try:
        parsed = time.fromisoformat(value)
    except ValueError:
        return None, "时间格式应为 时:分，例如 14:30。"
    if on == now.date() and parsed > now.time():
        return None, "发生时间不能晚于现在。"
    return parsed.replace(second=0, microsecond=0, tzinfo=None), None


def _phone(value: str) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    try:
        number = phonenumbers.parse(value, "CN")
    except phonenumbers.NumberParseException:
        return None, "电话号码无法识别，请填写手机号或带区号的固定电话，例如 0468-1234567。"
    if number.country_code != 86 or not phonenumbers.is_valid_number(number):
        return None, "请填写有效的中国手机号或带区号的固定电话。"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


def _email(value: str) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return None, "电子邮箱格式不正确，例如 name@example.com。"
    return result.normalized, None
