"""Deterministic, realistic demo data for the sandbox, generated from a seed and a preset."""
