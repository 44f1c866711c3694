"""The portal keeps no data of its own.

Links to external identity providers live in ``accounts.ExternalIdentity``; the result delivery chosen
when submitting online lives on the dossier (``Dossier.result_delivery`` / ``delivery_address``).
"""
