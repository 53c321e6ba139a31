"""Domain signals of resident engagement; `tasks/` connects mail and other work to them.

Each is sent after the transaction that made the change has committed, with `registration`
(an EventRegistration) as keyword argument.
"""

from django.dispatch import Signal

#: A resident registered: confirmed or waitlisted (see `registration.status`).
registration_created = Signal()
#: A waitlisted registration got seats after a cancellation.
registration_promoted = Signal()
#: A resident cancelled their registration.
registration_cancelled = Signal()
