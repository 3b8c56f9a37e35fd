"""The answer stages: scope checks, rule verdicts, premises, composition (see ``pipeline``)."""

from policyqa.answer.library import Library
from policyqa.answer.pipeline import Assistant
from policyqa.evidence import unsupported_amounts

__all__ = ["Assistant", "Library", "unsupported_amounts"]
