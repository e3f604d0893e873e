"""The domain: every rule of the portal, as plain functions grouped by feature.

One package per feature; each package's docstring is its map. Services take plain values (an
explicit actor and `now` where they write), own the transaction, write the audit entry in it,
and raise domain errors the views turn into messages. They never import a blueprint or
`flask.request`/`session`/`flash` (tests/app/test_import_rules.py checks it).

    common/     audit, paging and its cursors, settings, uploads (cleaned in a child process),
                crypto, content clock, backup
    reports/    the reporting channel and its handling: intake … monthly report
    bulletins/  进展通报/公告: editing, publishing, attachments, indicator values, reading
    registers/  曝光台, 淘汰落后产能名单, enterprises, and their CSV import
    plan/       the plan's content: import, sections, targets, commitments, projects, progress
    opendata/   the API's collections, parameters, CSV, sitemap
    accounts/   staff accounts and the audit log's reading side
    search/     the site search and its index
    demo/       clearly labelled sample data
"""
