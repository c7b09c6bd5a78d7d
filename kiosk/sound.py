"""Sound that is never fatal: no audio device or a global mute means silence, said once in the log."""

from __future__ import annotations

import logging

import pygame

LOG = logging.getLogger("kiosk.sound")


class Sound:
    def __init__(self, enabled: bool, volume: float) -> None:
        self.enabled = enabled
        self.volume = volume
        self.note = ""
        self.available = False
        if not enabled:
            self.note = "sound muted in config"
            return
        try:
            pygame.mixer.init(frequency=22050, size=-16, channels=1)
            self.available = True
        except pygame.error as exc:
            self.note = f"no audio device ({exc}): sound off"
            LOG.warning(self.note)

    def play(self, pcm16_mono_22050: bytes, loops: int = 0) -> pygame.mixer.Sound | None:
        """Play raw 16-bit mono PCM at 22050 Hz; returns the Sound (to stop it) or None when silent."""
        if not (self.enabled and self.available):
            return None
        try:
            sound = pygame.mixer.Sound(buffer=pcm16_mono_22050)
            sound.set_volume(self.volume)
            sound.play(loops=loops)
            return sound
        except pygame.error as exc:
            LOG.warning("sound failed: %s", exc)
            return None

    def stop_all(self) -> None:
        if self.available:
            pygame.mixer.stop()
