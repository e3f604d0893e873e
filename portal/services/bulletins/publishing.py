"""Publishing a bulletin, withdrawing it, and marking it amended or repealed."""

from datetime import datetime

from ...database import begin_write
from ...extensions import db
from ...models import Bulletin, BulletinKind, PublicationState, Validity
from ...models.types import utcnow
from ..common import audit
from ..common.audit import Actor
from .rules import BulletinError, for_write, refusing, target, was_published


def publish(bulletin_id: int, actor: Actor, now: datetime | None = None) -> Bulletin:
    """Publish (or republish after withdrawal); 发布日期 is the first publication's."""
    begin_write()
    bulletin = for_write(bulletin_id)
    with refusing():
        if bulletin.state == PublicationState.PUBLISHED:
            raise BulletinError("通报已经发布。")
        if bulletin.kind == BulletinKind.QUARTERLY_STATISTICS and not bulletin.values:
            raise BulletinError("季度统计通报至少要登记一项指标数值才能发布。")
    first = not was_published(bulletin)
    if first:
        bulletin.published_at = now or utcnow()
    bulletin.state = PublicationState.PUBLISHED
    bulletin.unpublish_reason = None
    audit.record(
        "bulletin_published", actor, target(bulletin), first=first, values=len(bulletin.values)
    )
    db.session.commit()
    return bulletin


def unpublish(bulletin_id: int, reason: str, actor: Actor) -> Bulletin:
    """Withdraw from the public site; the public URL then answers 410 with the reason."""
    reason = (reason or "").strip()
    begin_write()
    bulletin = for_write(bulletin_id)
    with refusing():
        if bulletin.state != PublicationState.PUBLISHED:
            raise BulletinError("只有已发布的通报可以撤下。")
        if not reason:
            raise BulletinError({"reason": "请写明撤下理由，它将在原网址向公众显示。"})
    bulletin.state = PublicationState.UNPUBLISHED
    bulletin.unpublish_reason = reason
    audit.record("bulletin_unpublished", actor, target(bulletin), reason=reason)
    db.session.commit()
    return bulletin


def set_validity(
    bulletin_id: int, validity: str, replacement_id: int | None, actor: Actor
) -> Bulletin:
    """有效 / 已修订 / 已废止, marked on the original with a link to what replaced it."""
    begin_write()
    bulletin = for_write(bulletin_id)
    with refusing():
        chosen = _validity(validity)
        if bulletin.state != PublicationState.PUBLISHED:
            raise BulletinError("只有已发布的通报可以标记效力。")
        replacement = _replacement(bulletin, chosen, replacement_id)
    bulletin.validity = chosen
    bulletin.replaced_by = replacement
    audit.record(
        "bulletin_validity_changed", actor, target(bulletin),
        validity=chosen.value, replaced_by=replacement.index_number if replacement else None,
    )  # fmt: skip
    db.session.commit()
    return bulletin


def _validity(value: str) -> Validity:
    try:
        return Validity(value or "")
    except ValueError:
        raise BulletinError({"validity": "请选择效力状态。"}) from None


def _replacement(bulletin, chosen: Validity, replacement_id: int | None) -> Bulletin | None:
    if chosen == Validity.VALID:
        return None
    if replacement_id is None:
        if chosen == Validity.AMENDED:
            raise BulletinError({"replacement": "标记为已修订时，请选择修订后的通报。"})
        return None
    replacement = db.session.get(Bulletin, replacement_id)
    if (
        replacement is None
        or replacement.id == bulletin.id
        or replacement.state != PublicationState.PUBLISHED
    ):
        raise BulletinError({"replacement": "替代文件必须是另一份已发布的通报。"})
    return replacement
