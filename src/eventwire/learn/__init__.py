"""Learned parts of the coder: the training corpus, features, models."""
