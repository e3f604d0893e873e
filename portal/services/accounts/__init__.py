"""Staff accounts (users: creating, passwords, roles, second factor, ending sessions) and the
audit log's reading side (audit_log: filters, pages, CSV).

May import: common.
"""
