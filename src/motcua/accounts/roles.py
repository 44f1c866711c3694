"""The groups of officials' roles that the rules speak of, each defined here once.

The workflow table, the inboxes, the back office's pages and the personal-data rule all name these
groups; they import them rather than list the roles again, so a new role is placed in one spot.
Values are the stored role strings, in the order pages list them.
"""

from __future__ import annotations

from motcua.accounts.models import Role

# The one-stop unit: receives dossiers, asks for supplements, returns results.
ONE_STOP: tuple[str, ...] = (Role.ONE_STOP_OFFICER.value,)
# Heads of division and agency leaders: assign, approve, decide refusals, may skip skippable steps.
HEADS: tuple[str, ...] = (Role.HEAD_OF_DIVISION.value, Role.LEADER.value)
# Who appraises and decides in the competent agency.
HANDLERS: tuple[str, ...] = (Role.SPECIALIST.value, *HEADS)
# Who works the certification counter of a commune or notary-type unit (certification): the one-stop
# officer, the justice officer (a specialist), a leader; each signs the copies they certify.
CERTIFIERS: tuple[str, ...] = (*ONE_STOP, Role.SPECIALIST.value, Role.LEADER.value)
# Everyone who works on dossiers (inboxes, dossier pages, applicants' personal data).
DOSSIER_ROLES: tuple[str, ...] = (*ONE_STOP, *HANDLERS)
# The document clerk (văn thư): registers incoming documents, numbers and issues outgoing ones.
CLERKS: tuple[str, ...] = (Role.CLERK.value,)
# Everyone who works on official documents (the registers, drafting, handling).
DOCUMENT_ROLES: tuple[str, ...] = (*CLERKS, *HANDLERS)
