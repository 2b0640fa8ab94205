"""The HTTP API service."""
