"""raw -> staging: text without boilerplate, language, publication date (UTC), canonical URL, usable or why not.

One module per job: rules (seeds/boilerplate.yaml), text, titles, dates, urls, language, usable; stage wires them
into clean_interval, the step the DAG and the CLI run.
"""
