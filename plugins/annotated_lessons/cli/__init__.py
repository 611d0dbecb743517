"""The ``lessons`` command line: start a course, write and check lessons, exchange them with other tools."""

from .main import lessons, main

__all__ = ["lessons", "main"]
