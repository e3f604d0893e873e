"""Bulletins in one call, through the real services, and an editor's form posted as a browser
would."""

from portal.services.bulletins import editing as bulletins
from portal.services.bulletins import publishing as bulletin_publishing
from portal.services.bulletins import values as bulletin_values
from portal.services.bulletins.rules import BulletinFields
from portal.services.bulletins.values import ValueFields
from portal.services.common.audit import Actor
from tests.support.staff import post_form

EDITOR = Actor(user_id=None, name="测试编辑")
BODY = "## 工作进展\n\n全市节能减排工作稳步推进。"


def fields(**overrides) -> BulletinFields:
    base = {
        "kind": "work_news",
        "title": "2008年第三季度节能减排工作动态",
        "subject_category": "energy_saving",
        "issuing_body": "鹤岗市节能减排工作领导小组办公室",
        "written_on": "2008-10-15",
        "body_markdown": BODY,
        "document_number": "",
        "keywords": "节能减排 工作动态",
    }
    return BulletinFields(**(base | overrides))


def make_bulletin(published: bool = False, **overrides):
    bulletin = bulletins.create_bulletin(fields(**overrides), EDITOR)
    if published:
        bulletin_publishing.publish(bulletin.id, EDITOR)
    return bulletin


def make_statistics(values=(("gdp-energy-intensity", "2008Q3", "2.45"),), published=False):
    """A quarterly statistics bulletin with its values (needs the `content` fixture)."""
    bulletin = make_bulletin(
        kind="quarterly_statistics", title="2008年第三季度节能减排统计通报", written_on="2008-10-20"
    )
    for code, period, value in values:
        bulletin_values.add_value(bulletin.id, ValueFields(code, period, value), EDITOR)
    if published:
        bulletin_publishing.publish(bulletin.id, EDITOR)
    return bulletin


def public_url(bulletin) -> str:
    return f"/bulletins/{bulletin.id}-{bulletin.slug}"


def editor_post(client, url: str, data: dict | None = None):
    return post_form(client, url, data, page_url="/admin/bulletins")
