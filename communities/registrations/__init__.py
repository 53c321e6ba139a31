"""Event registrations: seats and the waitlist (`services`, `selectors`), the admin list with
check-in (`admin`, `hooks`), residents' mails (`mail`) and the cancel page (`views`).

May import `communities.models`, the shared modules at `communities/` top level (`engagement`,
`signals`), `articles` and `home`; no other room.
"""
