"""Exceptions of validation: only input that cannot be read at all raises."""

from __future__ import annotations


class InputError(Exception):
    """The input is not a submission that can be read (missing, not a folder/zip/XML, broken zip).

    Everything else about a submission, however bad, is a finding in the report.
    """
