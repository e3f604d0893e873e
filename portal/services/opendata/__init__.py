"""The open data: what the API's collections list (records, registers, bulletins, outcomes),
their query parameters and page sizes (params), CSV columns (csv_export) and the
sitemap's dates (sitemap). Read-only.

May import: common, and the reading side of plan, registers, bulletins and reports.
"""
