"""A test tone for the audio check: a sine wave as 16-bit mono PCM at 22050 Hz (what kiosk.sound plays)."""

from __future__ import annotations

import math
from array import array

RATE = 22050


def sine_pcm(frequency: float = 440.0, seconds: float = 1.5, volume: float = 0.5) -> bytes:
    """Short fades at both ends so the speaker does not click."""
    count = int(RATE * seconds)
    fade = int(RATE * 0.02)
    samples = array("h")
    for i in range(count):
        envelope = min(1.0, i / fade, (count - 1 - i) / fade)
        samples.append(int(32767 * volume * envelope * math.sin(2 * math.pi * frequency * i / RATE)))
    return samples.tobytes()
