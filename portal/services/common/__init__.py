"""What every feature uses: the audit trail (audit), the one NotFound (errors), numbered and
keyset pages (paging), uploaded files checked, cleaned and stored (uploads), contact
encryption and keyed digests (crypto), when published content last changed (content_clock),
SQLite backups (backup).

May import: models, extensions, database, clock, settings. Never a feature package.
"""
