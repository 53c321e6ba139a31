"""Residents' feedback: submission and triage (`services`), its admin (`admin`, `hooks`) and its
mails (`mail`).

May import `communities.models`, the shared modules at `communities/` top level (`engagement`,
`roles`, `signals`), `articles` and `home`; no other room.
"""
