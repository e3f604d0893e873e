"""Notifications through a transactional outbox.

- config: the delivery settings (backends, SMTP, SMS gateway, retries), built once per app.
- staging: writes outbox rows inside the caller's transaction (status changes, questions,
  digests) and cancels them (purge, unsubscribe); STATUS_NOTICES says which states notify.
- texts: the words of each message and the unsubscribe token.
- adapters: SMTP, the HTTP SMS gateway, and `log` for development.
- worker: claims due rows under a lease, delivers them, retries with backoff.
- unsubscribe: the reporter's "stop notifying me" link.
- digest: the moderators' daily summary.
"""
