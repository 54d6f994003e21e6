"""Annotation: sentences, entity mentions and time expressions of an article, all as spans."""
