"""Demonstration data: ``manage.py seed_jingtai`` loads the county's structure and the people of
SCENARIOS.md through every domain's services (never by saving rows directly), so the demo data
obeys the same rules and leaves the same audit trail as real use. The data itself lives in
``zwfw/org/data/jingtai.py``; this app only loads it. See docs/demo-accounts.md.
"""
