"""Domain signals of resident engagement; `tasks/` connects mail and other work to them.

Each is sent inside the transaction that makes the change, with the changed record as keyword
argument, so what receivers record (tasks/ writes outbox rows for the mails) commits or rolls
back with it. Receivers must not act outside the database.
"""

from django.dispatch import Signal

#: A resident registered: confirmed or waitlisted (see `registration.status`).
registration_created = Signal()
#: A waitlisted registration got seats after a cancellation.
registration_promoted = Signal()
#: A resident cancelled their registration.
registration_cancelled = Signal()

#: A resident submitted feedback (keyword argument `feedback`).
feedback_submitted = Signal()
#: Staff published (or changed) the public response to feedback (keyword argument `feedback`).
feedback_answered = Signal()
