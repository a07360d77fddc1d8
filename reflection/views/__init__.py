"""Pages of the reflection app, split by page family."""
