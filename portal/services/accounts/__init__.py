"""Staff accounts and signing in:
- users: creating accounts, passwords, roles, enabling and disabling, ending sessions;
- passwords: strength (zxcvbn), hashing, checking;
- sign_in: the password step and the second-factor step;
- sessions: the server-side session rows the staff cookie names;
- second_factor: TOTP codes (each good once), enrolling, turning off, an admin's reset;
- delays: the growing wait after failed attempts; policy: the limits, typed; devices: the
  coarse browser label and User-Agent digest; errors: what these refuse;
- audit_log: the audit log's reading side (filters, pages, CSV).

May import: common.
"""
