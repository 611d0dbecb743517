"""The ``lessons`` command line: check a course, print the schema, find a quote."""

from .main import main

__all__ = ["main"]
