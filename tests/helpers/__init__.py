"""Shared test helpers: canned bodies, fake gateways, sandbox fixtures."""
