"""The plan's government-document metadata (as bulletins show it), as far as the source states it.

The only source is the plan's text (hegang-plan-2007.txt): it carries no issuing body, date or
document number, so those fields say so instead of being filled in from memory."""

from dataclasses import dataclass

NOT_STATED = "原文未载明"


@dataclass(frozen=True)
class PlanMetadata:
    issuing_body: str
    written_on: str
    document_number: str
    validity: str
    # What the source says about who the plan belongs to (its own title names the city).
    jurisdiction: str
    unpublished_annexes: tuple[str, ...]


PLAN_METADATA = PlanMetadata(
    issuing_body=NOT_STATED,
    written_on=NOT_STATED,
    document_number=NOT_STATED,
    validity="规划期 2006–2010，已到期",
    jurisdiction="鹤岗市",
    unpublished_annexes=(
        "附件1（十大重点节能工程项目）",
        "附件2（具体减排工程）",
    ),
)
