"""A content file that is a link leading out of the content folder is refused and never read."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.config import load_config
from kiosk.content.loader import load_bundle
from kiosk.content.registry import content_specs, make_context
from tests.conftest import CONFIG_DIR, write_config


def test_linked_content_file_outside_the_folder_is_an_error(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(CONFIG_DIR / "content", content)
    outside = tmp_path / "elsewhere.yaml"
    shutil.move(content / "ui.yaml", outside)
    (content / "ui.yaml").symlink_to(outside)
    outside.chmod(0)  # if the loader read it, it would fail with a different message (or read it as root)
    config = load_config(write_config(tmp_path, {"timeline": "scenes.timeline", "menu": "scenes.menu"}, "timeline",
                                      content=content))
    result = load_bundle(content, content_specs(config), make_context(config, content))
    assert result.bundle is None
    messages = [p.format() for p in result.problems]
    assert any("ui.yaml:1:1: error: 'ui.yaml' is a link that leads outside the content folder" in m for m in messages)
