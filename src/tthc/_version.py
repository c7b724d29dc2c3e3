"""The installed version of tthc."""

__version__ = "0.1.0.dev0"
