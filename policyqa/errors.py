"""Typed errors. The library raises them; only the CLI and UI turn them into messages."""


class PolicyQAError(Exception):
    """Base error; ``str(err)`` is a Chinese message fit for a user."""


class CorpusError(PolicyQAError):
    """The corpus or its manifest is missing, malformed or inconsistent."""


class IndexMissingError(PolicyQAError):
    """No built index where one is needed."""


class IndexCorruptError(PolicyQAError):
    """The index on disk cannot be read."""


class RuleError(PolicyQAError):
    """An award rule is unknown or malformed."""


class InputError(PolicyQAError):
    """The user's input (question, amount, locator) is unusable."""


class NotFoundError(PolicyQAError):
    """A locator or document that does not exist."""
