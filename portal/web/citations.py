"""How to cite a record page: the citation data shown in the 引用本页 block, its GB/T 7714
line, and the schema.org JSON-LD placed in the page head. Builders are pure functions of a
record, its permalink and the publisher; templates call them through `register(app)`."""

import json
from dataclasses import dataclass
from datetime import date, datetime

from flask import Flask
from markupsafe import Markup

from ..clock import local_date, today_local

SAMPLE_SUFFIX = "（示例数据）"
# Escapes that keep JSON inside <script> from ever closing the element or starting markup.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@dataclass(frozen=True)
class Citation:
    title: str
    issuing_body: str
    document_number: str | None
    date: date | None
    permalink: str
    number_label: str = "文号"
    is_sample: bool = False
    version: int = 1
    modified: date | None = None  # the day the text of this version replaced the one before
    change: str = "更正"  # what made this version: 更正, or 撤回 for a withdrawn record
    version_permalink: str | None = None  # the page of exactly this version, where one exists

    @property
    def display_title(self) -> str:
        """Sample records say so in every citation, so nobody cites them as real."""
        return self.title + SAMPLE_SUFFIX if self.is_sample else self.title

    @property
    def version_label(self) -> str:
        """ "第2版，2026-11-30更正"; a record never changed is "第1版"."""
        if self.version > 1 and self.modified:
            return f"第{self.version}版，{self.modified.isoformat()}{self.change}"
        return f"第{self.version}版"


def gbt7714_line(citation: Citation, accessed: date) -> str:
    """责任者. 题名[EB/OL]. 文号. (发布日期)[引用日期]. 网址."""
    parts = [f"{citation.issuing_body}. {citation.display_title}[EB/OL]."]
    if citation.version > 1:  # 版本项, so a reader finds the text that was quoted
        parts.append(f"第{citation.version}版.")
    if citation.document_number:
        parts.append(f"{citation.document_number}.")
    dates = [d.isoformat() for d in (citation.date, citation.modified) if d]
    published = f"({'/'.join(dates)})" if dates else ""  # (发布日期/更新或修改日期)
    parts.append(f"{published}[{accessed.isoformat()}].")
    parts.append(f"{citation.version_permalink or citation.permalink}.")
    return " ".join(parts)


def _local_date(value: datetime | None) -> date | None:
    return local_date(value) if value else None


def _organization(name: str, kind: str = "GovernmentOrganization") -> dict:
    return {"@type": kind, "name": name}


def _creative_work(citation: Citation, kind: str = "CreativeWork", **extra) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": citation.display_title,
        "url": citation.permalink,
        "inLanguage": "zh-CN",
        "publisher": _organization(citation.issuing_body),
    }
    if citation.date:
        data["datePublished"] = citation.date.isoformat()
    data |= _version(citation)
    if citation.document_number:
        data["identifier"] = citation.document_number
    return data | extra


def _version(citation: Citation) -> dict:
    """schema.org `version` and `dateModified` (the publication date until a correction)."""
    data = {"version": citation.version}
    if modified := citation.modified or citation.date:
        data["dateModified"] = modified.isoformat()
    return data


def _last_change(revisions) -> tuple[date | None, str]:
    """When the current version replaced the one before, and how (撤回 or 更正)."""
    if not revisions:
        return None, "更正"
    last = max(revisions, key=lambda kept: kept.revision)
    withdrawn = (getattr(last, "snapshot", None) or {}).get("change") == "withdrawn"
    return local_date(last.corrected_at), "撤回" if withdrawn else "更正"


# ---- one builder per record kind: (Citation, JSON-LD dict) ----


def plan_section(section, trail, permalink: str, publisher: str) -> tuple[Citation, dict]:
    plan_title = trail[0].title if trail else section.title
    title = section.title if not trail else f"{plan_title}：{section.title}"
    citation = Citation(title, publisher, None, None, permalink)
    extra = {"isPartOf": {"@type": "CreativeWork", "name": plan_title}} if trail else {}
    return citation, _creative_work(citation, **extra)


def indicator(progress, permalink: str, publisher: str) -> tuple[Citation, dict]:
    """Marked as sample when any value shown comes from a sample bulletin."""
    item = progress.indicator
    latest = progress.latest
    is_sample = any(reading.bulletin.is_sample for reading in progress.readings)
    when = _local_date(latest.bulletin.published_at) if latest else None
    title = f"{item.name}：目标与进展"
    citation = Citation(title, publisher, None, when, permalink, is_sample=is_sample)
    data = _creative_work(
        citation,
        "Dataset",
        description=item.source_text,
        identifier=item.code,
        variableMeasured={"@type": "PropertyValue", "name": item.name, "unitText": item.unit},
    )
    return citation, data


def bulletin(record, permalink: str, version_permalink: str | None = None) -> tuple[Citation, dict]:
    number, label = (record.document_number, "发文字号")
    if not number:
        number, label = (record.index_number, "索引号")
    when = _local_date(record.published_at) or record.written_on
    modified, change = _last_change(record.revisions)
    citation = Citation(
        record.title, record.issuing_body, number, when, permalink, label, record.is_sample,
        record.revision, modified, change, version_permalink,
    )  # fmt: skip
    return citation, _creative_work(citation, "Report", reportNumber=number)


def exposure(
    record, permalink: str, publisher: str, version_permalink: str | None = None
) -> tuple[Citation, dict]:
    title = f"曝光：{record.enterprise.name}"
    if record.state.value == "withdrawn":  # kept public for the record, but no longer in force
        title += "（已撤回）"
    modified, change = _last_change(record.revisions)
    citation = Citation(
        title, publisher, record.decision_number, record.published_on, permalink,
        "处罚决定书文号", record.is_sample, record.revision, modified, change, version_permalink,
    )  # fmt: skip
    about = _organization(record.enterprise.name, "Organization")
    return citation, _creative_work(citation, about=about)


def phase_out_item(item, permalink: str, publisher: str) -> tuple[Citation, dict]:
    title = f"淘汰落后产能：{item.enterprise.name} {item.equipment}"
    when = _local_date(item.updated_at)
    citation = Citation(title, publisher, None, when, permalink, is_sample=item.is_sample)
    about = _organization(item.enterprise.name, "Organization")
    return citation, _creative_work(citation, about=about)


def outcome(entry, permalink: str, publisher: str) -> tuple[Citation, dict]:
    title = f"举报办理结果：{entry.category}（{entry.district.label}）"
    when = _local_date(entry.published_at)
    citation = Citation(
        title, publisher, entry.number, when, permalink, "举报编号", entry.is_sample
    )
    return citation, _creative_work(citation, "Report", reportNumber=entry.number)


def enterprise(record, permalink: str, publisher: str) -> tuple[Citation, dict]:
    citation = Citation(
        record.name, publisher, record.uscc, None, permalink, "统一社会信用代码", record.is_sample
    )
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": citation.display_title,
        "url": permalink,
    }
    if record.uscc:
        data["taxID"] = record.uscc
    return citation, data | _version(citation)


def json_ld_script(data: dict) -> Markup:
    """A <script type="application/ld+json"> data block (not executed, so the CSP allows it)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_SAFE)
    # Safe: the translate() above leaves no "<", ">" or "&" that could end the element.
    return Markup(f'<script type="application/ld+json">{text}</script>')  # noqa: S704


CITATION_BUILDERS = {
    "plan_section": plan_section,
    "indicator": indicator,
    "bulletin": bulletin,
    "exposure": exposure,
    "phase_out_item": phase_out_item,
    "enterprise": enterprise,
    "outcome": outcome,
}


def register(app: Flask) -> None:
    app.add_template_global(CITATION_BUILDERS, "citations")
    app.add_template_filter(json_ld_script, "json_ld")
    app.add_template_filter(gbt7714_line, "gbt7714")
    app.context_processor(lambda: {"citation_today": today_local()})
