"""Validated, frozen settings built from ``params.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.notice import ExtractionSettings
from extractors.readers.limits import Limits, limits_from_mapping
from extractors.unit_names import UnitAliases, load_aliases
from normalizers.script import SIMPLIFYING_CONFIGS
from pipeline import yaml_files


class SettingsError(ValueError):
    """A params.yaml value that is missing or not allowed; the message names the key."""


@dataclass(frozen=True, slots=True)
class Settings:
    corpus: Path = Path("corpus/notices")
    outputs: Path = Path("outputs")
    gold: Path = Path("corpus/gold")
    cache: Path | None = Path(".cache/notices")
    compare_cache: Path | None = Path(".cache/compare")  # the comparison's memo of cuts and themes
    extraction: ExtractionSettings = field(default_factory=ExtractionSettings)
    limits: Limits = field(default_factory=Limits)
    jobs: int = 0  # extraction processes on this machine; 0: one per core (the outputs do not depend on it)
    scheduler: str | None = None  # a Dask scheduler address (tcp://host:8786): extract on its workers instead


def _section(params: dict[str, Any], key: str) -> dict[str, Any]:
    value = params.get(key, {}) or {}
    if not isinstance(value, dict):
        raise SettingsError(f"params.yaml: '{key}' must be a mapping, got {type(value).__name__}")
    return value


def settings_from_params(params: dict[str, Any]) -> Settings:
    """Settings from a parsed params.yaml; unknown or invalid values raise ``SettingsError``."""
    paths = _section(params, "paths")
    extract = _section(params, "extract")
    opencc_config = extract.get("opencc_config", "t2s")
    if opencc_config not in SIMPLIFYING_CONFIGS:
        allowed = ", ".join(SIMPLIFYING_CONFIGS)
        raise SettingsError(f"params.yaml: extract.opencc_config is {opencc_config!r}; allowed: {allowed}")
    return Settings(
        corpus=Path(paths.get("corpus", "corpus/notices")),
        outputs=Path(paths.get("outputs", "outputs")),
        gold=Path(paths.get("gold", "corpus/gold")),
        cache=Path(paths.get("cache", ".cache/notices")) if paths.get("cache", ".cache/notices") else None,
        compare_cache=Path(paths.get("compare_cache", ".cache/compare")) if paths.get("compare_cache", ".cache/compare") else None,
        extraction=ExtractionSettings(opencc_config=opencc_config, unit_aliases=_aliases(extract)),
        limits=_limits(params),
        **_parallel(params),
    )


def _parallel(params: dict[str, Any]) -> dict[str, Any]:
    """``run.jobs`` (a whole number ≥ 0) and ``run.scheduler`` (empty, or a Dask address)."""
    run = _section(params, "run")
    jobs, scheduler = run.get("jobs", 0), run.get("scheduler") or None
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise SettingsError(f"params.yaml: run.jobs is {jobs!r}; allowed: 0 (one per core) or a positive whole number")
    if scheduler is not None and (not isinstance(scheduler, str) or "://" not in scheduler):
        raise SettingsError(f"params.yaml: run.scheduler is {scheduler!r}; allowed: '' or a Dask address such as tcp://host:8786")
    return {"jobs": jobs, "scheduler": scheduler}


def _limits(params: dict[str, Any]) -> Limits:
    try:
        return limits_from_mapping(_section(params, "limits"))
    except ValueError as error:
        raise SettingsError(f"params.yaml: limits: {error}") from error


def _aliases(extract: dict[str, Any]) -> UnitAliases:
    path = extract.get("unit_aliases")
    if not path:
        return UnitAliases()
    try:
        return load_aliases(Path(path))
    except FileNotFoundError as error:
        raise SettingsError(f"params.yaml: extract.unit_aliases names a missing file: {path}") from error
    except ValueError as error:
        raise SettingsError(f"params.yaml: extract.unit_aliases: {error}") from error


def load_settings(path: Path = Path("params.yaml")) -> Settings:
    """Settings from a params file; defaults when the file does not exist."""
    if not path.exists():
        return Settings()
    params = yaml_files.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(params, dict):
        raise SettingsError(f"{path}: expected a mapping at the top level")
    return settings_from_params(params)
