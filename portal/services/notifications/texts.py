"""The words of each message, and the unsubscribe token. A message says the report's number,
its new state and where to look; never the description, the receipt code or a contact."""

import hashlib
import hmac
from dataclasses import dataclass

from ...models import NotifyChannel

SITE_NAME = "鹤岗市节能减排信息公开与举报平台"


@dataclass(frozen=True)
class Email:
    subject: str
    body: str
    unsubscribe_url: str | None = None


def sms_text(number: str, status: str, site_url: str) -> str:
    """What a `log` SMS (or a gateway taking free text) says; template gateways get params."""
    return (
        f"【{SITE_NAME}】您的举报{number}办理进度：{status}。"
        f"查询：{site_url}/report/status 回复TD退订"
    )


def report_email(number: str, status: str, site_url: str, token: str) -> Email:
    unsubscribe = f"{site_url}/report/unsubscribe/{token}"
    body = (
        "您好：\n\n"
        f"您在{SITE_NAME}提交的举报 {number} 有新的办理进度：{status}。\n\n"
        f"请凭举报编号和回执码在 {site_url}/report/status 查看详情。\n\n"
        "本邮件由系统自动发送，请勿直接回复。\n"
        f"不再接收这件举报的邮件通知：{unsubscribe}\n"
    )
    return Email(f"举报 {number} 办理进度：{status}", body, unsubscribe)


def unsubscribe_token(key: bytes, report_id: int, channel: NotifyChannel) -> str:
    return f"{report_id}-{channel.value}-{_mac(key, report_id, channel)}"


def read_unsubscribe_token(key: bytes, token: str) -> tuple[int, NotifyChannel] | None:
    """The report id and channel a token stands for, or None for anything not ours."""
    parts = token.split("-")
    if len(parts) != 3 or not parts[0].isdigit() or len(parts[0]) > 12:
        return None
    if parts[1] not in NotifyChannel._value2member_map_:
        return None
    report_id, channel = int(parts[0]), NotifyChannel(parts[1])
    if not hmac.compare_digest(parts[2], _mac(key, report_id, channel)):
        return None
    return report_id, channel


def _mac(key: bytes, report_id: int, channel: NotifyChannel) -> str:
    message = f"{report_id}:{channel.value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]
