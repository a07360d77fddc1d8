"""Session record pages, split by page family: lists, drafts, sign-off, the record itself."""
