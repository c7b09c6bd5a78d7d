"""Keep the screen on while the exhibit runs: screen saver, blanking and DPMS off under X.

Why: a pavilion screen that goes dark after ten idle minutes looks broken. Under Wayland (cage) there is no
idle blanking to disable, and the Xorg snippet in deploy/ already sets the timeouts to 0; this is the
belt to that pair of braces for installs that start X some other way. Never raises: the exhibit runs anyway.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence

LOG = logging.getLogger("kiosk.ops.display_power")

XSET_ARGS = ("s", "off", "s", "noblank", "-dpms")

Runner = Callable[[Sequence[str]], int]


def _run(argv: Sequence[str]) -> int:
    return subprocess.run(list(argv), check=False, timeout=5, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode


def disable_blanking(environ: Mapping[str, str] | None = None,
                     which: Callable[[str], str | None] = shutil.which,
                     run: Runner = _run) -> bool:
    """Run `xset s off s noblank -dpms` when on X with xset installed; True if it ran and succeeded."""
    env = os.environ if environ is None else environ
    try:
        if not env.get("DISPLAY"):
            LOG.info("screen blanking: no X display (DISPLAY unset), nothing to turn off")
            return False
        xset = which("xset")
        if xset is None:
            LOG.info("screen blanking: xset not installed (apt install x11-xserver-utils); relying on the"
                     " Xorg settings in deploy/x11")
            return False
        code = run([xset, *XSET_ARGS])
        if code != 0:
            LOG.warning("screen blanking: xset exited with %s; the screen may blank when idle", code)
            return False
        LOG.info("screen blanking and DPMS turned off (xset %s)", " ".join(XSET_ARGS))
        return True
    except Exception as exc:  # a kiosk keeps running whatever xset does
        LOG.warning("screen blanking: could not run xset: %s", exc)
        return False
