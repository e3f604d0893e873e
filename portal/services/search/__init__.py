"""Site search: the index kept in step with every commit (index) and the query (query).

May import: common.
"""
