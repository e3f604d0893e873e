"""What every feature uses: the audit trail (audit), numbered and keyset pages (paging) and
the cursors that carry a keyset position in a URL (cursor), the not-found error (errors),
uploaded files checked, cleaned and stored (uploads), contact encryption and keyed digests
(crypto), when published content last changed (content_clock), SQLite backups encrypted to
the operator's age key (backup), CSV cells a spreadsheet never runs (spreadsheet).

May import: models, extensions, database, clock, settings. Never a feature package.
"""
