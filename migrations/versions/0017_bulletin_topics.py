"""bulletin topics (主题分类) from a controlled list instead of free text

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-02 04:30:00

bulletins.subject_category held whatever an editor typed ("节能减排", "统计信息", "公告"…).
It now holds a code of portal.models.BulletinTopic (the gov.cn 主题分类 this portal needs).
Existing text is mapped by the words in it, in the order below (the first rule that matches
wins; "节能减排" is the portal's own subject, so it goes to 节能与资源综合利用 before the
environment words); anything else, or nothing, becomes "other" (综合政务 > 其他). The kept
earlier texts (bulletin_revisions.metadata_snapshot) are mapped the same way. Downgrade writes
the Chinese label back as free text.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0015'
branch_labels = None
depends_on = None

# (words, code): the first rule whose word appears in the old text wins.
RULES = [
    (("统计",), "statistics"),
    (("水利",), "water"),
    (("节能", "资源综合利用"), "energy_saving"),
    (("能源", "电力", "煤炭"), "energy"),
    (("环境", "环保", "污染", "排放", "减排", "水质", "举报"), "environment"),
    (("矿",), "minerals"),
    (("工业", "产能"), "industry"),
    (("督查", "督办"), "supervision"),
    (("公开", "公告"), "disclosure"),
]
LABELS = {
    "energy_saving": "城乡建设、环境保护 > 节能与资源综合利用",
    "environment": "城乡建设、环境保护 > 环境监测、保护与治理",
    "energy": "国土资源、能源 > 能源",
    "minerals": "国土资源、能源 > 矿产",
    "industry": "工业、交通 > 工业",
    "water": "农业、林业、水利 > 水利",
    "statistics": "国民经济管理、国有资产监管 > 统计",
    "supervision": "综合政务 > 政务督查",
    "disclosure": "综合政务 > 政务公开",
    "other": "综合政务 > 其他",
}
TOPIC = sa.Enum(*LABELS, name='bulletintopic', native_enum=False, length=21)

bulletins = sa.table('bulletins', sa.column('id', sa.Integer), sa.column('subject_category', sa.String))
revisions = sa.table('bulletin_revisions', sa.column('id', sa.Integer), sa.column('metadata_snapshot', sa.JSON))


def topic_for(text):
    text = (text or "").strip()
    if text in LABELS:
        return text
    for words, code in RULES:
        if any(word in text for word in words):
            return code
    return "other"


def _map(change):
    connection = op.get_bind()
    for row in connection.execute(sa.select(bulletins.c.id, bulletins.c.subject_category)).all():
        connection.execute(bulletins.update().where(bulletins.c.id == row.id).values(subject_category=change(row.subject_category)))
    for row in connection.execute(sa.select(revisions.c.id, revisions.c.metadata_snapshot)).all():
        snapshot = dict(row.metadata_snapshot or {})
        snapshot['subject_category'] = change(snapshot.get('subject_category'))
        connection.execute(revisions.update().where(revisions.c.id == row.id).values(metadata_snapshot=snapshot))


def upgrade():
    _map(topic_for)
    with op.batch_alter_table('bulletins', schema=None) as batch_op:
        batch_op.alter_column('subject_category', existing_type=sa.String(length=60), type_=TOPIC, existing_nullable=False)
        batch_op.create_index(batch_op.f('ix_bulletins_subject_category'), ['subject_category'], unique=False)


def downgrade():
    with op.batch_alter_table('bulletins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bulletins_subject_category'))
        batch_op.alter_column('subject_category', existing_type=TOPIC, type_=sa.String(length=60), existing_nullable=False)
    _map(lambda code: LABELS.get(code, code or ""))
