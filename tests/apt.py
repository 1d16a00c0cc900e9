"""Debian packages that tests need (Chromium, LibreOffice), installed on first use.

Tests that need a system program fail, never skip, when it cannot be had: CI runs as root on
Debian, where apt-get installs it; a developer elsewhere is told what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess


def apt_install(packages: list[str]) -> str | None:
    """Install Debian packages; the error text on failure, None on success."""
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return "apt-get is not available to this user (root on Debian needed)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]):
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900, check=False)
        if done.returncode:
            return f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()[-600:]}"
    return None
