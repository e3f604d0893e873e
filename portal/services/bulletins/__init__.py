"""Bulletins (进展通报/公告).

- rules: what every change checks, the errors editors see; editing: drafts and preview;
  publishing: publish, withdraw, amend, repeal; attachments: PDF files; values: the indicator
  values a statistics bulletin carries; queries: the one place that decides what is public.

May import: common.
"""
