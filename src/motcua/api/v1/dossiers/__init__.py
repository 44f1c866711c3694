"""Dossier API: intake, lists, actions, forms and the public lookup."""
