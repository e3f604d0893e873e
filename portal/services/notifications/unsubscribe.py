"""The reporter's "stop notifying me" link: a token naming the report and the channel,
signed with a key derived from the server's secret (nothing stored, nothing to guess)."""

from dataclasses import dataclass

from ...database import begin_write
from ...extensions import db
from ...models import NotifyChannel, Report
from ...settings import settings
from ..common.errors import NotFound
from .staging import cancel_for_reports
from .texts import read_unsubscribe_token


class UnknownUnsubscribeLink(NotFound):
    """The token is not one the portal made (or is damaged)."""


@dataclass(frozen=True)
class Subscription:
    channel: NotifyChannel
    active: bool


def look_up(token: str) -> Subscription:
    report_id, channel = _read(token)
    report = db.session.get(Report, report_id)
    if report is None:
        raise UnknownUnsubscribeLink(token)
    return Subscription(channel, _flag(report, channel))


def unsubscribe(token: str) -> Subscription:
    """Stop the channel for the report and cancel what of it is still waiting."""
    report_id, channel = _read(token)
    begin_write()
    report = db.session.get(Report, report_id)
    if report is None:
        db.session.rollback()
        raise UnknownUnsubscribeLink(token)
    if channel == NotifyChannel.SMS:
        report.notify_sms = False
    else:
        report.notify_email = False
    cancel_for_reports([report.id], channel)
    db.session.commit()
    return Subscription(channel, False)


def _read(token: str) -> tuple[int, NotifyChannel]:
    found = read_unsubscribe_token(settings().notify.unsubscribe_key, token)
    if found is None:
        raise UnknownUnsubscribeLink(token)
    return found


def _flag(report: Report, channel: NotifyChannel) -> bool:
    return report.notify_sms if channel == NotifyChannel.SMS else report.notify_email
