"""Sample data for demonstrations, labelled as such on every page: the records (records),
loading them through the real services (load) and removing exactly them (unload).

May import: every feature package (it drives them as a user would).
"""
