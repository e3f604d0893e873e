"""The plan and what it promises: content/ read (content_files) and imported
(content_import), its sections (sections), quantified targets (targets, target_progress),
dated commitments (commitments), key projects (projects), and editors' progress notes on them
(progress).

May import: common.
"""
