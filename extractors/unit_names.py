"""Canonical unit names, so that 市人社局, 市人力资源和社会保障局 and 临沂市人力资源社会保障局
count as one body within a region.

Safe automatic rules (the region's own name as prefix becomes its level, 临沂市财政局 → 市财政局;
和 between the words of a name is dropped) plus an alias table that analysts extend
(``corpus/unit_aliases.csv``: region, alias, canonical; region ``*`` for every region).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

from extractors.model import Task, Unit

# The level a unit belongs to, as a name written within one region starts: 市财政局, 区教育局.
_LEVEL_PREFIX = re.compile(r"^(省|市|县|区|州|盟|旗|镇|乡|街道)(?!场|直|委|政府$)")
# 人力资源和社会保障局 → 人力资源社会保障局: 和/与 between two words of one name.
_INNER_CONJUNCTION = re.compile(r"(?<=[\u4e00-\u9fff]{2})[和与](?=[\u4e00-\u9fff]{2})")


@dataclass(frozen=True, slots=True)
class AliasEntry:
    region: str  # "*" for every region
    alias: str
    canonical: str


@dataclass(frozen=True)
class UnitAliases:
    """The alias table: for a region, a unit's name (without its level prefix) → canonical name."""

    entries: tuple[AliasEntry, ...] = field(default=())

    def __hash__(self) -> int:
        return self._hash  # a key of canonical_name's cache on every call: hash the table once

    @cached_property
    def _hash(self) -> int:
        return hash(self.entries)

    @cached_property
    def _lookup(self) -> dict[tuple[str, str], str]:
        return {(entry.region, _key(entry.alias)): entry.canonical for entry in self.entries}

    def canonical(self, stem: str, region: str | None) -> str | None:
        key = _key(stem)
        return self._lookup.get((region or "*", key)) or self._lookup.get(("*", key))


def _key(name: str) -> str:
    return _INNER_CONJUNCTION.sub("", name)


def load_aliases(path: Path) -> UnitAliases:
    """The alias table from a CSV with columns region, alias, canonical (# starts a comment)."""
    rows = csv.DictReader(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    missing = {"region", "alias", "canonical"} - set(rows.fieldnames or [])
    if missing:
        raise ValueError(f"{path}: missing columns {', '.join(sorted(missing))}")
    entries = tuple(
        AliasEntry(row["region"].strip() or "*", row["alias"].strip(), row["canonical"].strip())
        for row in rows
        if row["alias"] and row["canonical"]
    )
    return UnitAliases(entries)


@lru_cache(maxsize=8192)
def canonical_name(name: str, region: str | None, aliases: UnitAliases = UnitAliases()) -> str:
    """The name a unit is counted under within ``region``.

    >>> aliases = UnitAliases((AliasEntry("*", "人社局", "人力资源社会保障局"),))
    >>> [canonical_name(n, "临沂市", aliases) for n in ("市人社局", "临沂市人力资源和社会保障局")]
    ['市人力资源社会保障局', '市人力资源社会保障局']
    >>> canonical_name("台州市生态环境局临海分局", "临海市")
    '台州市生态环境局临海分局'
    """
    if region and name.startswith(region) and len(name) > len(region):
        name = region[-1] + name[len(region) :]  # 临沂市财政局 → 市财政局
    prefix_match = _LEVEL_PREFIX.match(name)
    prefix = prefix_match.group(1) if prefix_match else ""
    stem = name[len(prefix) :]
    aliased = aliases.canonical(stem, region)
    return prefix + (aliased if aliased else _key(stem))


def with_canonical_names(tasks: Iterable[Task], region: str | None, aliases: UnitAliases) -> list[Task]:
    """Tasks whose units carry their canonical names beside the names as written."""
    return [
        replace(task, units=tuple(_canonical_unit(unit, region, aliases) for unit in task.units)) for task in tasks
    ]


def _canonical_unit(unit: Unit, region: str | None, aliases: UnitAliases) -> Unit:
    return replace(unit, canonical=canonical_name(unit.name, region, aliases))
