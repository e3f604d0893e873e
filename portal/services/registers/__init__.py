"""The public registers: 曝光台 (exposures), 淘汰落后产能名单 (phase_out), enterprises.

- fields: reading register fields from strings (forms and CSV share it); exposures,
  phase_out, enterprises: each register's rules and changes; exposure_listing: what the public
  exposure pages read; csv_import: the CSV import, row by row through the same rules.

May import: common.
"""
