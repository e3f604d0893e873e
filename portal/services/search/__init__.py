"""Site search: what each public record puts in the index (documents), the index kept in step
with every commit (index), how a query is read (terms), queries that name one record
(shortcuts), the AND query with its filters (query) and the marked-up snippets (snippets).

May import: common.
"""
