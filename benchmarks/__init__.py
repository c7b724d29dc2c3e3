"""Benchmarks: each compares tthc with what a user would otherwise pick, in the same run."""
