"""Benchmarks of the pipeline (scripts, not tests); see benchmarks/README.md."""
