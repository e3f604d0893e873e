"""The reporting channel and its handling, in the order a report lives through them.

- intake: a report arrives (web, hotline, letter, visit); rules: what a valid report is;
  receipts: the number and receipt code; form_tokens: the web form's idempotency token;
  replays: a form sent again gives its receipt only to its sender, unchanged;
  reporter_session: the receipt and status access a browser session holds, server-side.
- workflow: the only place a status changes; moderation: a moderator's work on one report;
  queue: the moderation queue; deadlines: the 15/60-day limits; due: each open report's due
  time (days left); escalation: 督办/催办; queue_export: the queue as CSV/XLSX;
  choices: staff option lists.
- status: what a reporter sees with number + code; follow_up: the reporter's replies.
- outcomes: published redacted results; retention: erasing contacts and evidence.
- stats, stats_export, periods, numbers: public statistics; disclosure, stats_public: what
  of them is published (closed months, small numbers suppressed); monthly,
  monthly_bulletin: the monthly 12369-style bulletin (drafted through bulletins.editing).

May import: common, and bulletins.editing (for the monthly bulletin draft).
"""
