"""The one way staff actions are recorded. Entries are only ever added (see models.audit)."""

from dataclasses import dataclass, field

from ...extensions import db
from ...models import AuditEntry, User


@dataclass(frozen=True)
class Actor:
    """Who does something, and from where: built by the view from the logged-in user."""

    user_id: int | None
    name: str
    ip: str | None = None

    @classmethod
    def of(cls, user: User | None, ip: str | None) -> "Actor":
        if user is None:
            return cls(user_id=None, name="（匿名）", ip=ip)
        return cls(user_id=user.id, name=user.username, ip=ip)


@dataclass(frozen=True)
class Target:
    kind: str
    id: str
    details: dict = field(default_factory=dict)


def record(action: str, actor: Actor, target: Target | None = None, /, **details) -> AuditEntry:
    """Add an audit entry to the current transaction; the caller's commit makes it durable
    together with the action it records."""
    entry = AuditEntry(
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=action,
        target_type=target.kind if target else None,
        target_id=target.id if target else None,
        ip=actor.ip,
        details=details,
    )
    db.session.add(entry)
    return entry


ACTION_LABELS = {
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出登录",
    "password_changed": "修改密码",
    "totp_enabled": "启用两步验证",
    "totp_disabled": "停用两步验证",
    "sessions_ended": "结束全部会话",
    "session_ended": "结束一个会话",
    "password_check_failed": "核对当前密码失败",
    "totp_reset": "重置两步验证",
    "user_created": "创建账号",
    "user_roles_changed": "修改角色",
    "user_disabled": "停用账号",
    "user_enabled": "启用账号",
    "setting_changed": "修改设置",
    "report_intake": "登记热线/来信/来访举报",
    "report_transition": "举报状态变更",
    "report_question": "向举报人提问",
    "report_replies_read": "标记答复为已读",
    "contact_viewed": "查看联系方式",
    "evidence_downloaded": "下载证据",
    "report_viewed": "查看举报",
    "report_supervised": "督办举报",
    "report_urged": "催办举报",
    "report_queue_exported": "导出举报列表",
    "outcome_published": "公开办理结果",
    "contacts_purged": "清除过期联系方式和证据",
    "bulletin_drafted": "起草通报",
    "bulletin_created": "新建通报",
    "bulletin_updated": "修改通报草稿",
    "bulletin_published": "发布通报",
    "bulletin_unpublished": "撤下通报",
    "bulletin_corrected": "更正通报",
    "bulletin_validity_changed": "修改通报效力",
    "enterprise_created": "新建企业",
    "enterprise_updated": "修改企业信息",
    "exposure_created": "发布曝光记录",
    "exposure_corrected": "更正曝光记录",
    "exposure_withdrawn": "撤回曝光记录",
    "phase_out_created": "新增淘汰落后产能项目",
    "phase_out_updated": "更新淘汰落后产能项目",
    "records_imported": "批量导入",
    "progress_recorded": "更新进展",
    "demo_loaded": "载入示例数据",
    "demo_unloaded": "删除示例数据",
}
