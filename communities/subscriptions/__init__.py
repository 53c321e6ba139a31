"""Notice subscriptions: double opt-in, matching and the weekly digest (`services`), the mails
to subscribers (`mail`) and the confirm and unsubscribe pages (`views`).

May import `communities.models`, the shared modules at `communities/` top level (`engagement`),
`articles` and `home`; no other room.
"""
