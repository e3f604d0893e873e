"""The progress status editors give commitments and projects."""

from .types import LabelledEnum


class ProgressStatus(LabelledEnum):
    NOT_REPORTED = "not_reported", "尚无进展记录"
    IN_PROGRESS = "in_progress", "进行中"
    COMPLETED = "completed", "已完成"
    NOT_MET = "not_met", "未按期完成"
