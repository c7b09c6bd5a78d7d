"""Child process for the var/ tests: the shipped exhibit on a given var/ path, a scripted visitor, a JSON report.

Run as `python -m tests.reliability.var_child FOLDER VAR_PATH` (the parent may drop root's file-permission
override with setpriv first). Prints one JSON object: the admin overlay's status lines, the scripted
visitor's failures, scene errors, what the Active Citizen poll shows, and whether the exhibit answered.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def main(folder: Path, var: str) -> dict[str, Any]:
    from kiosk.app import App, RunOptions
    from kiosk.config import load_config
    from tests.soak.runner import SoakSettings, write_default_config

    config_path = write_default_config(folder, SoakSettings())
    text = config_path.read_text(encoding="utf-8")
    config_path.write_text(text.replace(f"var: {folder / 'var'}", f"var: {var}"), encoding="utf-8")
    app = App(load_config(config_path), RunOptions(headless=True, size=(1920, 1080), watch_content=False))
    try:
        failures = app.play([{"wait": 1.0}, {"expect_scene": "timeline"}, {"tap": {"target": "lang"}},
                             {"wait": 0.5}, {"expect_lang": "en"}])
        app.router.push("active_citizen", {})
        app.advance(1.0)
        failures += app.play([{"tap": {"target": "ac.section.poll"}}, {"wait": 1.0}])
        options = sorted(t.name for t in app.all_targets() if t.name.startswith("ac.option."))
        failures += app.play([{"tap": {"target": options[0]}}, {"wait": 0.3}])
        if app.find_target("ac.vote") is not None:  # a multiple-choice question: confirm
            failures += app.play([{"tap": {"target": "ac.vote"}}])
        app.advance(2.0)
        after_vote = sorted(t.name for t in app.all_targets() if t.name.startswith("ac."))
        failures += app.play([{"tap": {"target": "ac.exit"}}, {"wait": 1.0}, {"expect_scene": "timeline"},
                              {"tap": {"target": "lang"}}, {"wait": 0.5}, {"expect_lang": "ru"}])
        app.router.push("mosru", {})  # counts visits in var/
        app.advance(1.0)
        failures += app.play([{"tap": {"target": "mosru.exit"}}, {"wait": 1.0}, {"expect_scene": "timeline"}])
        app.ops.analytics.session_end(0.0)  # what the end of a visit does: the analytics write is tried
        return {"status": app.status_lines(), "failures": failures, "scene_errors": app.scene_errors,
                "last_error": app.last_error, "scene": app.scene_name(), "running": app.running,
                "options": options, "after_vote": after_vote, "var_exists": Path(var).exists()}
    finally:
        app.shutdown()


if __name__ == "__main__":
    try:
        result = main(Path(sys.argv[1]), sys.argv[2])
    except BaseException:
        result = {"crash": traceback.format_exc()}
    print("RESULT " + json.dumps(result, ensure_ascii=False))
