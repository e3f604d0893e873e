"""The monthly report on reports (in the form of the national 12369 bulletins), saved as a
draft bulletin for an editor to review and publish."""

from datetime import datetime

from ...clock import CITY_TZ
from ...models import Bulletin, BulletinKind, BulletinTopic
from ...settings import settings
from ..bulletins.editing import create_draft
from ..common.audit import Actor
from .monthly import monthly_markdown, monthly_summary
from .periods import Month

# Filed under 环境监测、保护与治理 rather than 节能与资源综合利用: the reports it counts are
# mostly pollution (偷排偷放, 超标排放, 治理设施闲置…) and their handling is environmental
# enforcement; energy waste is one category among thirteen.
SUBJECT = BulletinTopic.ENVIRONMENT
KEYWORDS = "节能环保 举报 受理 办理 月报"


def draft_monthly_bulletin(month: Month, actor: Actor, now: datetime) -> Bulletin:
    summary = monthly_summary(month.year, month.month, now)
    title, markdown = monthly_markdown(summary)
    return create_draft(
        kind=BulletinKind.WORK_NEWS,
        title=title,
        body_markdown=markdown,
        subject_category=SUBJECT,
        issuing_body=settings().issuing_body,
        written_on=now.astimezone(CITY_TZ).date(),
        keywords=KEYWORDS,
        actor=actor,
        now=now,
    )
