"""Cheaper Gradio sessions for API calls.

Every REST call without a session (``/gradio_api/call/ask`` from curl or another service) opens a new Gradio
session, and Gradio 6 builds a new session's config by introspecting every component of the page
(``SessionState.__init__``: ≈ 8 ms for this app's 132 blocks, measured with py-spy as two thirds of the web
process's CPU under 20 clients). A fresh session's config is the same for every session of one app, so it is
built once, by Gradio itself, and each new session gets its own copy of it (a pickle round trip, ≈ 0.4 ms).

Nothing else changes: a session is still a ``SessionState`` (a subclass), with the same attributes and values
as Gradio would give it; :func:`install` only replaces the class Gradio's ``StateHolder`` instantiates.
"""

from __future__ import annotations

import copy
import logging
import pickle
import threading
import weakref
from typing import Any, ClassVar

from gradio import state_holder
from gradio.state_holder import SessionState

log = logging.getLogger("policyqa.app")

_ORIGINAL = SessionState


class _Template:
    """A pristine session of one app, built by Gradio's own ``SessionState``, and its config as bytes."""

    def __init__(self, blocks: Any) -> None:
        pristine = _ORIGINAL(blocks)
        self.attributes = dict(vars(pristine))
        self.config = pickle.dumps(pristine.config_values, protocol=pickle.HIGHEST_PROTOCOL)

    def fill(self, session: SessionState, blocks: Any) -> None:
        for name, value in self.attributes.items():
            if name == "config_values":
                value = pickle.loads(self.config)
            elif name == "blocks_config":
                value = copy.copy(blocks.default_config)  # as Gradio does: a shallow copy per session
            elif isinstance(value, (dict, list, set)):
                value = copy.deepcopy(value)  # empty per-session containers (state_data, _state_ttl, …)
            setattr(session, name, value)


class SharedConfigSession(SessionState):
    """A ``SessionState`` whose initial config is copied from the app's template instead of rebuilt."""

    _templates: ClassVar[weakref.WeakKeyDictionary[Any, _Template]] = weakref.WeakKeyDictionary()
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, blocks: Any) -> None:
        template = self._templates.get(blocks)
        if template is None:
            with self._lock:
                template = self._templates.get(blocks)
                if template is None:
                    try:
                        template = _Template(blocks)
                    except (pickle.PicklingError, TypeError, AttributeError) as err:
                        # A config Gradio cannot pickle: build every session the original way.
                        log.warning("会话配置无法复用，按原方式创建：%s", err)
                        super().__init__(blocks)
                        return
                    self._templates[blocks] = template
        template.fill(self, blocks)


def install() -> None:
    """Make Gradio's ``StateHolder`` create :class:`SharedConfigSession` objects (idempotent)."""
    state_holder.SessionState = SharedConfigSession  # type: ignore[misc]
