"""The Jinja environment class the site renders with: calls to plain helpers skip Jinja's checks.

Jinja sends every call a template makes (``url(x)``, ``d.isoformat()``, ``dict(...)``) through
``Context.call``, which first asks the callable, and its ``__call__``, whether it wants the context,
eval context or environment passed in (``pass_context`` and friends). A page makes some hundred
calls, nearly all to Python's built-in methods or to the renderer's helpers, which never want one.
``HelperContext.call`` calls those directly and sends everything else (macros, ``self.block()``,
callables marked ``pass_context``) the usual way; the result, and a StopIteration turned into an
undefined value, are the same either way.

Imported where used, like Jinja itself: a build with nothing to render never loads it.
"""
from __future__ import annotations

from types import BuiltinFunctionType
from typing import Any, Callable

import jinja2
from jinja2.runtime import Context
from jinja2.utils import internalcode


def plain(obj: Callable[..., Any]) -> bool:
    """Whether ``Context.call`` would call ``obj`` with just the template's arguments."""
    return not hasattr(obj, "jinja_pass_arg") and not hasattr(getattr(obj, "__call__", None), "jinja_pass_arg")


class HelperContext(Context):
    """A Context whose ``call`` goes straight to built-in methods and to the environment's plain helpers."""

    @internalcode
    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's names)
        if type(__obj) is BuiltinFunctionType or __self.environment.plain_helpers.get(id(__obj)) is __obj:  # type: ignore[attr-defined]
            if kwargs:
                kwargs.pop("_block_vars", None)
                kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined("value was undefined because a callable raised a"
                                                    " StopIteration exception")
        return super().call(__obj, *args, **kwargs)


class SiteEnvironment(jinja2.Environment):
    """An Environment rendering with ``HelperContext``; ``add_helpers`` is how globals are added."""

    context_class = HelperContext

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.plain_helpers: dict[int, Callable[..., Any]] = {}
        """id → helper, for the helpers (and Jinja's own ``dict`` and ``range``) called without checks;
        holding them keeps their ids from being reused."""
        self.add_helpers(dict=dict, range=range)

    def add_helpers(self, **helpers: Any) -> None:
        """Add template globals; callables that take no context are called through the fast path."""
        self.globals.update(helpers)
        for value in helpers.values():
            if callable(value) and plain(value):
                self.plain_helpers[id(value)] = value


class Imported:
    """A template's module (its macros and top-level names) for templates to use without importing it;
    it is imported when a name is first asked for, so a broken template is an error on the page that uses it."""

    def __init__(self, env: jinja2.Environment, template: str) -> None:
        self._env, self._template = env, template

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and the like probe for these: no template is loaded for them
            raise AttributeError(name)
        return getattr(self._env.get_template(self._template).module, name)
