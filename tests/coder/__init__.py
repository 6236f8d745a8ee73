"""Tests of the coder (a package: tests/evaluate has a test_sentences.py too)."""
