"""Domain signals sent by the content apps; `tasks/` connects background work to them.

Content apps never import `tasks/`: they send one of these and the receivers in `tasks/` decide
what to enqueue (always on transaction commit).
"""

from django.dispatch import Signal

#: Sent once per object and locale whose translation status changed, after the change is saved.
#: Keyword arguments:
#:   source      the source-locale (en) page or snippet
#:   instance    the translated page or snippet in that locale, or None when it does not exist
#:   locale      the target locale code, e.g. "zh-hans"
#:   old_status  the previous status ("missing", "in_progress", "awaiting_review", "live",
#:               "outdated"), or None when it was never recorded
#:   new_status  the new status, one of the same values
translation_status_changed = Signal()

#: Sent when "Sync translated pages" wrote the source's current content into new drafts of its
#: translations (inside the transaction; receivers act on commit). Keyword arguments:
#:   source   the source-locale (en) page or snippet
#:   locales  the codes of the locales that received a new draft
#:   user     who synced, or None
translations_synced = Signal()
