"""The open data: what the API's collections list (records, registers, bulletins, outcomes),
their query parameters and page sizes (params), the CSV and XLSX writers (csv_export,
xlsx_export; the columns are declared in portal/opendata/datasets_*) and the sitemap's
dates (sitemap). Read-only.

May import: common, and the reading side of plan, registers, bulletins and reports.
"""
