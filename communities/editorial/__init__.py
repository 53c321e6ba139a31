"""Editorial workflow and translation status.

Owns the workflows and their stages (`workflows`), the translators' review path around
wagtail-localize (`translation_workflow`, `translation_sync`) and who may act on a translation
when (`translation_access`, enforced on wagtail-localize's views by `translation_views`), the
translation status history (`translation_status`, kept current by `signal_handlers`), what a
finished workflow does (`workflow_finish`), the translators' queue and its due dates
(`translation_queue`, `due_dates`), the reviewers' diff of a submitted revision against the live
one (`review_diff`, `review`), the admin's dashboard panels and Translation status report, and
their hooks.

May import `communities.models`, `communities.roles`, `articles` and `home`; no other room.
"""
