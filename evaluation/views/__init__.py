"""Views of the annual evaluation, one module per page family."""
