"""Power-on: the self-test counts memory, the typical-machine label shows, DOS boots to the prompt in time."""

from __future__ import annotations

from pathlib import Path

import pygame

from scenes.retro_pc.machine import RetroMachine
from scenes.retro_pc.model import ContentModel

from .conftest import MachineFactory, press

FPS = 60


def advance(machine: RetroMachine, seconds: float) -> None:
    for _ in range(round(seconds * FPS)):
        machine.update(1 / FPS)


def test_boot_reaches_the_prompt_on_the_simulated_clock(make_machine: MachineFactory,
                                                        real_content: ContentModel) -> None:
    m = make_machine("en", content=real_content, boot=True)
    assert m.state == "boot" and m.boot is not None
    total = m.boot.total_seconds
    assert 3 < total < 12
    advance(m, total - 0.5)
    assert m.state == "boot"
    advance(m, 1.0)
    assert m.state == "shell"
    text = m.screen.text()
    assert "Starting MS-DOS..." in text and "Type HELP" in text
    assert text.rstrip().endswith("C:\\>")


def test_memory_counts_up_and_the_machine_is_labelled_typical(make_machine: MachineFactory,
                                                               real_content: ContentModel, tmp_path: Path) -> None:
    m = make_machine("ru", content=real_content, boot=True)
    advance(m, 1.0)
    line = next(row for row in m.screen.text().splitlines() if row.startswith("Memory Test"))
    counted = int(line.split(":")[1].strip().rstrip("K"))
    assert 0 < counted < real_content.machine.ram_kb
    advance(m, 2.4)
    text = m.screen.text()
    assert f"{real_content.machine.ram_kb}K" in text and "OK" in text
    assert "Типичный ПК середины 90-х" in text and "Primary Master" in text
    frame = m.frame()
    pygame.image.save(frame, "/tmp/retro_pc_boot_post.png")
    assert frame.get_size() == (720, 400)


def test_any_key_or_tap_skips_the_boot(make_machine: MachineFactory, real_content: ContentModel) -> None:
    m = make_machine("en", content=real_content, boot=True)
    advance(m, 0.5)
    press(m, "SPACE")
    assert m.state == "shell" and m.screen.text().rstrip().endswith("C:\\>")
    m2 = make_machine("en", content=real_content, boot=True)
    m2.tap_cell(40, 12)
    assert m2.state == "shell"
    m2.type_command("VER")
    assert "6.22" in m2.screen.text()
