"""Pages of the contracts app, split by page family (agreements, the lead's lists, training)."""
