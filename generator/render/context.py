"""The Jinja environment class the site renders with: calls to plain helpers skip Jinja's checks, and
what a template prints is escaped without making a Markup object of it.

Jinja sends every call a template makes (``url(x)``, ``d.isoformat()``, ``dict(...)``) through
``Context.call``, which first asks the callable, and its ``__call__``, whether it wants the context,
eval context or environment passed in (``pass_context`` and friends). A page makes some hundred
calls, nearly all to Python's built-in methods or to the renderer's helpers, which never want one.
``HelperContext.call`` calls those directly and sends everything else (macros, ``self.block()``,
callables marked ``pass_context``) the usual way; the result, and a StopIteration turned into an
undefined value, are the same either way.

Every ``{{ value }}`` a template prints goes through ``markupsafe.escape``, which returns a ``Markup``:
a Python-level constructor call for each of some hundred values a page prints, about a seventh of
rendering an article page. Printed, the value is only joined into the page, so ``OutputCodeGenerator``
compiles those calls to ``escape_output``: the same characters as a plain ``str``. Everywhere else
(a value kept with ``{% set %}``, passed to a filter or a macro) Jinja's own ``escape`` stays.

The renderer's own helpers (``add_own_helpers``) and built-in methods are not even sent to ``call``: the
compiled template calls them itself when the callee is one (``OutputCodeGenerator.visit_Call``), which
saves the Python call that packs each call's arguments: 6% of rendering's instructions (templates compiled).

Imported where used, like Jinja itself: a build with nothing to render never loads it.
"""
from __future__ import annotations

import difflib
import functools
import os
from collections import deque
from io import StringIO
from types import BuiltinFunctionType
from typing import Any, Callable

import jinja2
import markupsafe
from jinja2 import nodes
from jinja2.filters import do_wordwrap
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.runtime import Context
from jinja2.utils import internalcode

from generator.core.errors import quoted
from generator.core.wrap import by_columns, wrap
from generator.render.precompiled import left_out, visible_name
from generator.core.patterns import LazyPattern

try:
    from markupsafe import _escape_inner  # MarkupSafe 3: the escaping, without the Markup around it
except ImportError:  # pragma: no cover - MarkupSafe 2
    def _escape_inner(s: str, /) -> str:
        return str(markupsafe.escape(s))

escape_text = _escape_inner
"""A str escaped for HTML, as a plain str (``str(markupsafe.escape(s))`` without making the Markup)."""


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


def escape_output(value: Any) -> str:
    """``str(markupsafe.escape(value))``, for a value a template prints: what is already HTML (it has
    ``__html__``) as it is, anything else converted to text and escaped."""
    if type(value) is str:
        return _escape_inner(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        text = html()
        return text if isinstance(text, str) else str(text)
    return _escape_inner(str(value))


MISSING_ATTRIBUTE = object()
"""What ``getattr(value, name, MISSING_ATTRIBUTE)`` gives when ``value`` has no attribute ``name``."""


STOP_ITERATING = frozenset({"send", "throw", "__next__", "next"})
"""The names of the built-in methods that end an iteration with StopIteration (a generator's, an iterator's):
compiled templates call them through ``context.call``, which makes that an undefined value, as Jinja does."""


class OutputCodeGenerator(CodeGenerator):
    """Jinja's code generator, printing ``{{ value }}`` through ``escape_output`` where it would call
    ``escape`` (autoescaping on, and known to be on when the template is compiled), and reading
    ``value.name`` with the built-in ``getattr`` first.

    Jinja compiles ``value.name`` to ``environment.getattr(value, 'name')``: a Python call that tries the
    attribute, then the item. A list page reads some twenty attributes of each of its items, so a
    10,000-article site makes nearly five million of those calls, 5% of a cold build's CPU. Here it compiles to
    ``getattr(value, 'name', MISSING_ATTRIBUTE)``, a call into C, and only when that finds no attribute (a dict's
    key, an undefined value) to Jinja's own call, with ``value`` evaluated once: the same result and the same
    errors (``getattr`` with a default catches only AttributeError, as ``environment.getattr`` does)."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        self.writeline(f"from {__name__} import escape_output as _escape_output, "
                       "MISSING_ATTRIBUTE as _missing_attribute, BuiltinFunctionType as _builtin, "
                       "STOP_ITERATING as _stop_iterating")
        self.writeline("from functools import partial as _partial")
        if not self.environment.is_async and not self.environment.sandboxed:
            self.writeline("_own_helpers = environment.own_helpers")
        super().visit_Template(node, frame)

    @optimizeconst
    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        """``f(x)`` called directly when ``f`` is one of the renderer's own helpers (``add_own_helpers``) or, as
        ``x.name(...)``, a built-in method; anything else through ``context.call``, as Jinja compiles it.

        An article page makes some hundred calls (``url(...)``, ``d.isoformat()``, ``isolate(...)``), nearly all
        of that kind; ``context.call`` costs each a Python call that packs its arguments (and the loop's
        variables, which the helper never gets) before ``HelperContext.call`` makes the same test. Compiled
        here, ``url(s.path)`` and ``s.path.startswith(x)`` are::

            (_call if _own_helpers.get(id(_call := url)) is _call
             else _partial(context.call, _call, _loop_vars=_loop_vars))(s.path)
            (_call if type(_call := s.path.startswith) is _builtin and _call.__name__ not in _stop_iterating
                   or _own_helpers.get(id(_call)) is _call
             else _partial(context.call, _call, _loop_vars=_loop_vars))(x)

        The callee evaluated once, then the arguments (a nested call assigns ``_call`` after the outer one has
        read it). ``context.call`` turns a StopIteration into an undefined value, where a template's generator
        would turn it into an error: so a helper added with ``add_helpers`` (a site's, a test's), a name that
        starts with '_' (``it.__next__()``) and a generator's ``send`` or ``throw`` keep it, also when reached under
        another name (``ns.step`` given a generator's ``send``: ``STOP_ITERATING``), and so does a call that
        passes ``caller``."""
        callee = node.node
        name = callee.attr if isinstance(callee, nodes.Getattr) else callee.name if isinstance(callee, nodes.Name) \
            else None
        if (forward_caller or name is None or name.startswith("_") or name in ("send", "throw")
                or self.environment.is_async or self.environment.sandboxed):
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        self.write("(_call if ")
        if isinstance(callee, nodes.Getattr):
            self.write("type(_call := ")
            self.visit(callee, frame)
            self.write(") is _builtin and _call.__name__ not in _stop_iterating or _own_helpers.get(id(_call)) is _call")
        else:  # a name: a built-in function given as a helper (``next``) may raise StopIteration
            self.write("_own_helpers.get(id(_call := ")
            self.visit(callee, frame)
            self.write(")) is _call")
        self.write(" else _partial(context.call, _call")
        if frame.loop_frame:
            self.write(", _loop_vars=_loop_vars")
        if frame.block_frame:
            self.write(", _block_vars=_block_vars")
        self.write("))(")
        arguments, self.stream = self.stream, StringIO()  # ``signature`` writes ', ' before each argument
        try:
            self.signature(node, frame)
            written = self.stream.getvalue()
        finally:
            self.stream = arguments
        self.write(written.removeprefix(", ") + ")")

    @optimizeconst
    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        if self.environment.is_async:
            super().visit_Getattr(node, frame)
            return
        # two locals of the function being compiled; a nested read assigns them before this one does
        self.write("(_attr_value if (_attr_value := getattr((_attr_of := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, _missing_attribute)) is not _missing_attribute "
                   f"else environment.getattr(_attr_of, {node.attr!r}))")

    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
        """Jinja's output, but a run of template text and printed values between two tags is yielded as one
        string (``yield ''.join((...))``) where Jinja yields each piece: a piece yielded in a block of an article
        page passes up through three generators (the block, ``base.html``'s, ``article.html``'s) before
        ``render`` joins it, some four hundred pieces a page. The same text, in the same order, each value
        still on its own line of the compiled code (a template error names its line). Inside a buffer (a macro,
        ``{% set %}`` … ``{% endset %}``), or where Jinja checks for a parent template first, Jinja's own."""
        if frame.buffer is not None or frame.require_output_check or self.environment.is_async:
            super().visit_Output(node, frame)
            return
        finalize = self._make_finalize()
        body: list[list[Any] | nodes.Expr] = []
        for child in node.nodes:  # constants joined at compile time, as Jinja's ``visit_Output`` does
            try:
                if not (finalize.const or isinstance(child, nodes.TemplateData)):
                    raise nodes.Impossible()
                const = self._output_child_to_const(child, frame, finalize)
            except (nodes.Impossible, Exception):  # evaluated when the page renders (errors are raised then)
                body.append(child)
                continue
            if body and isinstance(body[-1], list):
                body[-1].append(const)
            else:
                body.append([const])
        if len(body) < 2:
            super().visit_Output(node, frame)
            return
        self.writeline("yield ''.join((")
        self.indent()
        for item in body:
            if isinstance(item, list):
                self.writeline(self._output_const_repr(item) + ",")
            else:
                self.newline(item)
                self._output_child_pre(item, frame, finalize)
                self.visit(item, frame)
                self._output_child_post(item, frame, finalize)
                self.write(",")
        self.outdent()
        self.writeline("))")

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("_escape_output(")
        if finalize.src is not None:
            self.write(finalize.src)


_PLAIN_WORDS = LazyPattern(r"[^\s-]+(?: [^\s-]+)*")
"""Words joined by single spaces, none of them holding a hyphen or any other whitespace."""


@jinja2.pass_environment
def wordwrap(environment: jinja2.Environment, s: str, width: int = 79, break_long_words: bool = True,
             wrapstring: str | None = None, break_on_hyphens: bool = True) -> str:
    """Jinja's ``wordwrap`` filter, with the same result: text of plain words no longer than ``width`` (most
    summaries) is wrapped here, filling each line with as many words as fit, which is what ``textwrap`` does
    with such text at several times the cost (half of rendering an edition's plain-text e-mail); anything
    else goes to Jinja's filter. Text holding a Chinese or Japanese character or a mark is wrapped by columns, two for
    such a character, none for a mark (Thai's vowels and tones), and may break between Chinese characters
    (``core.wrap``): Jinja's filter counts characters and breaks only at spaces, so a Chinese headline of 60
    characters, 120 columns, was one line, and a Thai one came out a fifth short."""
    if type(s) is str and width > 0 and by_columns(s):
        joint = environment.newline_sequence if wrapstring is None else wrapstring
        return joint.join(joint.join(wrap(line, width, break_long_words=break_long_words,
                                          break_on_hyphens=break_on_hyphens)) for line in s.splitlines())
    if type(s) is str and width > 0 and _PLAIN_WORDS.fullmatch(s):
        words = s.split(" ")
        if max(map(len, words)) <= width:
            lines, line = [], words[0]
            for word in words[1:]:
                if len(line) + 1 + len(word) <= width:
                    line += " " + word
                else:
                    lines.append(line)
                    line = word
            lines.append(line)
            return (environment.newline_sequence if wrapstring is None else wrapstring).join(lines)
    return do_wordwrap(environment, s, width, break_long_words, wrapstring, break_on_hyphens)


_PLAIN_KINDS = {"NoneType": "a value that is none here (test it with {% if %} first)", "str": "a text",
               "int": "a number", "float": "a number", "bool": "true or false", "tuple": "a list", "list": "a list",
               "dict": "a mapping", "datetime": "a date and time", "date": "a date", "Markup": "an HTML text"}
"""What Python's own values are, in an editor's words; their names (methods) are not listed."""
_LISTED = 40
"""The most names a message lists (``t`` has some ninety)."""


def described(obj: Any) -> tuple[str, list[str]]:
    """What ``obj`` is, as an editor would say it, and the names a template can read on it ([] when they are not
    worth listing): Jinja's message named Python's classes ('generator.render.context.Imported object')."""
    from dataclasses import fields, is_dataclass

    kind = type(obj).__name__
    if isinstance(obj, Imported):
        return f"m (what {obj._template} defines)", [n for n in dir(obj) if not n.startswith("_")]
    if isinstance(obj, jinja2.environment.TemplateModule):
        return f"what {obj.__name__} defines", [n for n in vars(obj) if not n.startswith("_")]
    if isinstance(obj, jinja2.runtime.TemplateReference):  # ``self``: its names are the blocks it has
        return "self (the page's blocks)", list(obj._TemplateReference__context.blocks)  # type: ignore[attr-defined]
    if isinstance(obj, Strings):
        return "t (the theme's words)", list(obj)
    if kind in _PLAIN_KINDS:
        return _PLAIN_KINDS[kind], list(obj) if isinstance(obj, dict) else []
    names = [f.name for f in fields(obj)] if is_dataclass(obj) else []
    names += [n for n in dir(type(obj)) if not n.startswith("_") and isinstance(getattr(type(obj), n, None), property)]
    return ("an " if kind[:1] in "AEIOU" else "a ") + kind, names


class UndefinedUsed(jinja2.UndefinedError):
    """Jinja's error for a template that used an undefined value, telling what the value was read from and by which
    name: rendering leaves out an error a problem found before it already says (``build._render``: ``m.ld`` of a
    ``_macros.html`` that lacks it, ``theme.missing_macros``)."""

    def __init__(self, message: str, obj: Any = None, name: Any = None) -> None:
        super().__init__(message)
        self.obj, self.name = obj, name


class SuggestingUndefined(jinja2.StrictUndefined):
    """Jinja's strict undefined (a template typo is an error), whose message says what the value is and names the
    attribute or key the template most likely meant: "an Article has no 'titel' (did you mean 'title'?)"; for ``m``
    (``Imported``), a macro, and for ``self``, a block; with none close, the names it has."""

    __slots__ = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self._undefined_exception is jinja2.UndefinedError:
            self._undefined_exception = functools.partial(UndefinedUsed, obj=self._undefined_obj,
                                                          name=self._undefined_name)
        _RECENT_UNDEFINED.append(self)

    @property
    def _undefined_message(self) -> str:
        obj, name = self._undefined_obj, self._undefined_name
        if self._undefined_hint or obj is jinja2.utils.missing:
            return str(super()._undefined_message)
        what, names = described(obj)
        if isinstance(obj, (list, tuple)) and isinstance(name, int):  # 'related[0]' where there is none
            size = f"{what} of {len(obj)}" if obj else f"an empty {what[2:]}"
            return f"{size} has no element {name}; test its length first ({{% if x|length > {name} %}})"
        if not isinstance(name, str):
            return f"{what} has no element {quoted(name)}"
        everything = names if isinstance(obj, dict) or names else [n for n in dir(obj) if not n.startswith("_")]
        close = difflib.get_close_matches(name, [n for n in everything if isinstance(n, str)], n=1)
        message = f"{what} has no {quoted(name)}"
        if close:
            return f"{message} (did you mean {quoted(close[0])}?)"
        return f"{message}; its names: {', '.join(sorted(map(str, names)))}" if 0 < len(names) <= _LISTED else message


_RECENT_UNDEFINED: deque[SuggestingUndefined] = deque(maxlen=8)
"""The undefined values made last in this process that no ``default`` filter or ``defined`` test took: of those the
failing tag reads, one Python's own function refused ('strftime() argument 1 must be str, not SuggestingUndefined'),
for the message to name the typo (``theme._undefined_in_tag``). One a template handled (``article.kicker |
default("")``) is not it."""


def recent_undefined() -> tuple[SuggestingUndefined, ...]:
    """The undefined values made last in this process that no template handled (``_RECENT_UNDEFINED``)."""
    return tuple(_RECENT_UNDEFINED)


def _handling(check: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's ``default`` filter or ``defined``/``undefined`` test, which also takes the undefined value it is
    given out of ``_RECENT_UNDEFINED``: the template handled it, so it is no typo to name."""
    @functools.wraps(check)
    def handled(value: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, SuggestingUndefined):  # by identity: a strict undefined refuses '=='
            for at, made in enumerate(_RECENT_UNDEFINED):
                if made is value:
                    del _RECENT_UNDEFINED[at]
                    break
        return check(value, *args, **kwargs)
    return handled


class FollowingLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, listing the templates in linked folders too (``theme.walk_tree``): it loads a
    template through a link but lists none, so an edit to a shared partial was never hashed, and every page that
    includes it stayed as it was (``theme.templates_fingerprint``). A file ``precompiled.left_out`` names
    (``.partial.html``, ``box.html~``) is refused when it is there (a name of none is "not found"): it is in
    neither that fingerprint nor the preview's watch, so an edit to it would leave the pages as they were. Asked
    once a template: Jinja keeps what it loaded."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        found = super().get_source(environment, template)  # a name of no file is Jinja's "not found"
        if left_out(template):
            visible = visible_name(template)
            raise jinja2.TemplateError(f"template {quoted(template)} is left out of builds, as a hidden file or an "
                                       "editor's backup is, so an edit to it would not reach the pages; " + (
                                           f"{quoted(visible)}, the name to rename it to, is taken: use that name, move "
                                           f"into that file what {quoted(template)} has that it lacks, and delete "
                                           f"{quoted(template)}" if self._has(visible) else
                                           f"rename it {quoted(visible)} and use that name"))
        return found

    def _has(self, template: str) -> bool:
        """Whether a file named ``template`` is in these folders, read or not."""
        parts = jinja2.loaders.split_template_path(template)
        return any(os.path.isfile(os.path.join(folder, *parts)) for folder in self.searchpath)

    def list_templates(self) -> list[str]:
        from generator.render.theme import walk_tree

        found: set[str] = set()
        for searchpath in self.searchpath:
            for entry, into in walk_tree(searchpath, follow_links=True):
                if not into and not entry.is_dir():  # a link to a folder entered already is no template
                    found.add(entry.path[len(searchpath):].strip(os.sep).replace(os.sep, "/"))
        return sorted(found)


class SiteEnvironment(jinja2.Environment):
    """An Environment rendering with ``HelperContext`` and compiling with ``OutputCodeGenerator``, whose
    templates share its globals dict; ``add_helpers`` is how globals are added."""

    context_class = HelperContext
    code_generator_class = OutputCodeGenerator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters["wordwrap"] = wordwrap
        self.filters["default"] = self.filters["d"] = _handling(self.filters["default"])
        self.tests["defined"] = _handling(self.tests["defined"])
        self.tests["undefined"] = _handling(self.tests["undefined"])
        self.plain_helpers: dict[int, Callable[..., Any]] = {}
        """id → helper, for the helpers (and Jinja's own ``dict`` and ``range``) called without checks;
        holding them keeps their ids from being reused."""
        self.own_helpers: dict[int, Callable[..., Any]] = {}
        """id → helper, for those of ``plain_helpers`` that compiled templates call directly
        (``OutputCodeGenerator.visit_Call``)."""
        self.add_own_helpers(dict=dict, range=range)

    def _load_template(self, name: str, globals: Any) -> jinja2.Template:
        """Jinja's load, whose "not found" names the template and the one most likely meant: Jinja's own message
        was the bare name ('_itme.html')."""
        try:
            return super()._load_template(name, globals)
        except jinja2.TemplateNotFound as e:
            if e.name != name or not isinstance(name, str):
                raise
            close = difflib.get_close_matches(name, [n for n in self.list_templates() if not left_out(n)], n=1)
            raise jinja2.TemplateNotFound(name, f"template {quoted(name)} not found"
                                          + (f" (did you mean {quoted(close[0])}?)" if close else "")) from None

    def make_globals(self, d: Any) -> Any:
        """A template's globals: the environment's own dict when the template brings none (every template
        here), else Jinja's ``ChainMap`` of the two. Jinja copies a template's globals into each new context
        (each page, and each list entry rendered): a dict is copied in C, a ``ChainMap`` is iterated in
        Python, which was 6% of rendering's instructions. Like the ``ChainMap``, the dict shows helpers added
        later; unlike it, ``template.globals.update()`` would change the environment's (nothing here does)."""
        return self.globals if not d else super().make_globals(d)

    def add_helpers(self, **helpers: Any) -> None:
        """Add template globals; callables that take no context are called through the fast path."""
        self.globals.update(helpers)
        for value in helpers.values():
            if callable(value) and plain(value):
                self.plain_helpers[id(value)] = value

    def add_own_helpers(self, **helpers: Any) -> None:
        """``add_helpers`` for the renderer's own helpers, which never raise StopIteration: a compiled template
        calls those that take no context without ``context.call`` (``OutputCodeGenerator.visit_Call``)."""
        self.add_helpers(**helpers)
        for value in helpers.values():
            if id(value) in self.plain_helpers:
                self.own_helpers[id(value)] = value


class Strings(dict[str, Any]):
    """The UI strings as templates read them, ``t.skip`` or ``t['skip']``: a dict whose keys are also its
    attributes (after its methods, as Jinja looks them up). Jinja tries an attribute before a key, so on a
    plain dict each ``t.skip`` raised and caught an AttributeError: some twenty a page, a tenth of rendering it."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def lacking_macro(error: BaseException, lacking: frozenset[str]) -> bool:
    """Whether ``error`` is a template's use of one of the macros ``lacking`` from the ``_macros.html`` in use
    (``m.ld``): ``theme.missing_macros`` has said so, naming each."""
    return isinstance(error, UndefinedUsed) and isinstance(error.obj, Imported) and error.name in lacking


class Imported:
    """A template's module (its macros and top-level names) for templates to use without importing it;
    it is imported when a name is first asked for, so a broken template is an error on the page that uses it.

    A name found is kept on this object (unless the environment reloads changed templates), so the next
    ``m.when`` is a plain attribute read: a page reads some ten, and the ``get_template`` and this method's call
    for each were 3.5% of an article page's instructions."""

    def __init__(self, env: jinja2.Environment, template: str) -> None:
        self._env, self._template = env, template

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and the like probe for these: no template is loaded for them
            raise AttributeError(name)
        value = getattr(self._env.get_template(self._template).module, name)
        if not self._env.auto_reload:  # the same template, and so the same module, for the environment's life
            self.__dict__[name] = value
        return value

    def __dir__(self) -> list[str]:
        """The module's names, for the "did you mean" of a misspelt one (``SuggestingUndefined``)."""
        return dir(self._env.get_template(self._template).module)
