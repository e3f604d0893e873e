"""What every feature uses: the audit trail (audit), numbered and keyset pages (paging) and
the cursors that carry a keyset position in a URL (cursor), the not-found error (errors),
uploaded files checked and stored (uploads), cleaned in a memory-capped child process
(sandbox runs cleaning, which imports nothing of the portal), contact encryption and derived
keys (crypto), when published content last changed (content_clock), SQLite backups encrypted
to the operator's age key (backup), short-lived secrets kept server-side behind a handle the
session cookie carries (short_lived), CSV cells a spreadsheet never runs (spreadsheet).

May import: models, extensions, database, clock, settings. Never a feature package.
"""
