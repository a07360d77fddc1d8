"""Tenancy has no tables of its own. This module exists so that Django sends this app's
post_migrate signal (it skips apps without a models module): the signal applies the
row-level security registry at the end of every `migrate` (tenancy/apps.py)."""
