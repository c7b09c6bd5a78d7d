"""The machine's sounds through the kiosk's mixer: PC-speaker beeps and the modem handshake.

Beeps come from speaker.py; the handshake is the dial-up synthesizer of the mos.ru scene (one sound for the
whole exhibit). While the handshake plays the idle timer is held, so the countdown never cuts into it. The
global mute is the kiosk's Sound object's business: with sound off nothing is synthesized at all, but the
idle hold lasts just as long (the visitor still waits for the connection).
"""

from __future__ import annotations

import logging
from typing import Any

from kiosk.scene import SceneContext

from .speaker import cue_sound

LOG = logging.getLogger("kiosk.retro_pc")
IDLE_REASON = "retro_pc.modem"


def _digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit()) or "0"


class SceneAudio:
    def __init__(self, ctx: SceneContext, number: str) -> None:
        self.ctx = ctx
        self.digits = _digits(number)
        self.handshake_left = 0.0
        self._playing: Any = None

    @property
    def sound_on(self) -> bool:
        sound = self.ctx.sound
        return bool(getattr(sound, "enabled", False) and getattr(sound, "available", False))

    def play_cues(self, cues: list[str]) -> None:
        for cue in cues:
            if cue == "handshake":
                self.start_handshake()
            elif cue != "dial":  # the dial tone and digits are part of the handshake sound
                pcm = cue_sound(cue)
                if pcm is not None:
                    self.ctx.sound.play(pcm)

    def start_handshake(self) -> None:
        from scenes.mosru import synth

        self.stop()
        self.handshake_left = sum(segment.seconds for segment in synth.plan(self.digits))
        self.ctx.idle.hold(IDLE_REASON)
        if self.sound_on:
            try:
                self._playing = self.ctx.sound.play(synth.handshake_sound(self.digits).pcm)
            except (ValueError, MemoryError) as exc:  # a broken synthesizer setting is never fatal
                LOG.warning("modem sound failed: %s", exc)

    def warm_up(self) -> None:
        """Synthesize the handshake ahead of time (it takes a fraction of a second, cached afterwards)."""
        if self.sound_on:
            from scenes.mosru import synth

            synth.handshake_sound(self.digits)

    @property
    def handshake_playing(self) -> bool:
        return self.handshake_left > 0

    def update(self, dt: float) -> None:
        if self.handshake_left > 0:
            self.handshake_left = max(0.0, self.handshake_left - dt)
            if self.handshake_left == 0:
                self._release()

    def stop(self) -> None:
        """Hang up: stop the modem sound and let the idle timer run again."""
        if self._playing is not None:
            try:
                self._playing.stop()
            except Exception:  # noqa: BLE001 - a mixer problem must not keep the hold
                LOG.warning("could not stop the modem sound")
        self.handshake_left = 0.0
        self._release()

    def _release(self) -> None:
        self._playing = None
        self.ctx.idle.release(IDLE_REASON)
