"""The community pages and one package per capability around them.

- `models/`: every model of this app (pages, workflow tasks, status history, residents' records).
- `selectors.py`: communities as the public is served them.
- `editorial/`, `feedback/`, `registrations/`, `subscriptions/`, `setup/`: the capabilities; each
  package's docstring says what it owns and what it may import.
- `engagement.py`, `roles.py`, `retention.py`, `signals.py`: what the capabilities share.

May import `articles` and `home`, never `schema`, `tasks` or `cms`.
"""
