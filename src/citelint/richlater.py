"""rich, imported when first used.

rich costs a process tens of milliseconds to import, and most runs never need it: a check that
writes JSON, SARIF or another machine format, and has nothing to say on standard error, writes
no styled text.  The names here stand for rich's classes (``Text``, ``Console``, ``Table``) and
for consoles, and import rich the first time they are called or looked into.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable


class Later:
    """``module.name`` (``module`` itself when ``name`` is None), imported at the first call or
    attribute lookup."""

    __slots__ = ("_module", "_name", "_value")

    def __init__(self, module: str, name: str | None = None) -> None:
        self._module, self._name, self._value = module, name, None

    def resolve(self) -> Any:
        if self._value is None:
            module = importlib.import_module(self._module)
            self._value = module if self._name is None else getattr(module, self._name)
        return self._value

    def __call__(self, *args, **kwargs):
        return self.resolve()(*args, **kwargs)

    def __getattr__(self, attr: str):
        return getattr(self.resolve(), attr)


Console = Later("rich.console", "Console")
Text = Later("rich.text", "Text")
Table = Later("rich.table", "Table")
box = Later("rich.box")
get_character_cell_size = Later("rich.cells", "get_character_cell_size")


class LaterConsole:
    """A console made by ``make`` when first used (printed to, asked whether it is a terminal)."""

    __slots__ = ("_make", "_console")

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make, self._console = make, None

    def resolve(self):
        """The console itself (for what uses it as more than an object with methods: rich's
        live displays enter it as a context manager)."""
        if self._console is None:
            self._console = self._make()
        return self._console

    def __getattr__(self, attr: str):
        return getattr(self.resolve(), attr)


def real_console(console):
    """``console`` itself, made if it is a :class:`LaterConsole`."""
    return console.resolve() if isinstance(console, LaterConsole) else console
