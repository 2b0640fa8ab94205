"""Tests of the API, run against the configured database."""
