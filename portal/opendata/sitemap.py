"""/sitemap.xml (sitemaps.org 0.9): every public page, with <lastmod> where the records say.

Pages robots.txt keeps out (a reporter's status lookup) are not listed.
"""

from datetime import datetime
from xml.etree.ElementTree import Element, SubElement, tostring

from flask import url_for

from ..clock import CITY_TZ
from ..services.opendata.sitemap import SiteChanges

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
STATIC_PAGES = (
    "reports.report_form",
    "reports.privacy",
    "reports.stats",
    "api_docs.docs",
    "api_docs.data_catalogue",
    "public.contact",
    "public.sitemap",
    "public.disclosure_guide",
)


def page_urls(changes: SiteChanges) -> list[tuple[str, datetime | None]]:
    def page(endpoint: str, lastmod: datetime | None = None, **values):
        return (url_for(endpoint, _external=True, **values), lastmod)

    pages = [page("public.home"), page("public.plan")]
    pages += [page("public.plan_section", slug=slug) for slug in changes.section_slugs]
    pages.append(page("public.targets", changes.targets))
    pages += [
        page("public.target_detail", moment, code=code)
        for code, moment in changes.indicators.items()
    ]
    pages.append(page("public.commitments", changes.commitments))
    pages.append(page("public.projects", changes.projects))
    pages.append(page("reports.outcomes", changes.outcome_list))
    pages += [page("reports.outcome", m, number=n) for n, m in changes.outcomes]
    pages.append(page("bulletins.index", changes.bulletin_list))
    pages += [
        page("bulletins.detail", moment, bulletin_id=bulletin_id, slug=slug)
        for bulletin_id, slug, moment in changes.bulletins
    ]
    pages += [page(endpoint) for endpoint in STATIC_PAGES]
    pages.append(page("registers.exposures", changes.exposure_list))
    pages += [page("registers.exposure", m, exposure_id=i) for i, m in changes.exposures]
    pages.append(page("registers.phase_out", changes.phase_out_list))
    pages += [page("registers.phase_out_item", m, item_id=i) for i, m in changes.phase_out]
    pages.append(page("registers.enterprises"))
    pages += [page("registers.enterprise", enterprise_id=i) for i in changes.enterprises]
    return pages


def sitemap_xml(changes: SiteChanges) -> bytes:
    root = Element("urlset", xmlns=NAMESPACE)
    for location, lastmod in page_urls(changes):
        entry = SubElement(root, "url")
        SubElement(entry, "loc").text = location
        if lastmod is not None:
            SubElement(entry, "lastmod").text = lastmod.astimezone(CITY_TZ).isoformat(
                timespec="seconds"
            )
    return tostring(root, encoding="utf-8", xml_declaration=True)
