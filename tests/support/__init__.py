"""What the tests share, one module per thing it holds (the fixtures are in conftest.py):

app          the app under test: make_app, a throwaway PostgreSQL database, emptying tables
pages        CheckedClient, which checks every page it fetches; parse, text_of
staff        accounts in one call, the real login form (log_in), a CSRF-carrying post
reports      reports through the real services (report_in, new_report), reports for
             statistics scenarios (make_report), the private text nothing may publish
report_form  filling in the citizen's report form and reading the receipt
bulletins    bulletins and statistics bulletins in one call
registers    enterprises, exposures, phase-out items, and the values their forms post
api          walking the API's pages, reading a CSV download
crawl        the route crawl's world of records, URL fillers and response checks
samples      sample uploads: a plain photo, files with metadata, hostile files
uploads      the evidence refusal messages and helpers
live_server  the portal under gunicorn in a child process
"""
