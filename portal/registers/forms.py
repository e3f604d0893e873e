"""Editors' forms for the registers, on the shared ServiceForm: they collect what was typed
(and check CSRF); the rules live in the services (portal.services.registers.enterprises,
exposures, phase_out, csv_import), which the CSV import shares."""

from flask_wtf.file import FileField
from wtforms import BooleanField, SelectMultipleField, StringField, TextAreaField

from ..web.forms import ServiceForm


class EnterpriseForm(ServiceForm):
    name = StringField("企业名称")
    uscc = StringField("统一社会信用代码（选填）")
    district = StringField("区县（选填）")
    industry = StringField("行业")
    address = StringField("企业地址（选填）")


class ExposureForm(ServiceForm):
    enterprise = StringField("企业")
    violation_type = StringField("违法类型")
    facts = TextAreaField("违法事实")
    legal_basis = TextAreaField("法律依据")
    penalties = SelectMultipleField("处罚种类", validate_choice=False)
    fine_yuan = StringField("罚款金额（元）")
    penalty_text = TextAreaField("处罚内容说明（选填）")
    decision_number = StringField("处罚决定书文号")
    decision_date = StringField("处罚决定日期")
    published_on = StringField("公开日期")
    rectification = StringField("整改情况")
    rectification_note = TextAreaField("整改说明（选填）")
    report_number = StringField("关联举报编号（选填）")


class CorrectionForm(ExposureForm):
    reason = TextAreaField("更正原因（公开显示在更正记录中）")


class WithdrawForm(ServiceForm):
    reason = TextAreaField("撤回原因（公开显示）")


class PhaseOutForm(ServiceForm):
    enterprise = StringField("企业")
    industry = StringField("行业")
    equipment = StringField("设备或生产线")
    capacity_value = StringField("产能（选填）")
    capacity_unit = StringField("产能单位")
    category = StringField("类别")
    deadline = StringField("淘汰期限")
    completed_on = StringField("完成日期")
    verification = TextAreaField("核查情况")
    note = TextAreaField("备注（选填）")


class ImportForm(ServiceForm):
    kind = StringField("导入内容")
    file = FileField("CSV 文件")
    check_only = BooleanField("只检查，不导入")
