"""PC-speaker sounds made in code: square-wave beeps for the machine's sound cues.

`cue_sound(name)` gives 16-bit mono PCM at 22050 Hz (what kiosk.sound plays) for the cues the machine queues
('beep', 'drop', 'line'); the modem cues ('dial', 'handshake') are left to the dial-up synthesizer shared
with the mos.ru page engine. Built from the standard library only and cached.
"""

from __future__ import annotations

import sys
from array import array
from functools import lru_cache

SAMPLE_RATE = 22050
LEVEL = 0.25  # of full scale: the PC speaker was loud and harsh, the kiosk need not be

# cue -> list of (frequency Hz, seconds); frequency 0 is silence
CUES: dict[str, tuple[tuple[float, float], ...]] = {
    "beep": ((880.0, 0.18),),
    "drop": ((220.0, 0.03), (0.0, 0.01), (160.0, 0.03)),
    "line": ((523.0, 0.06), (659.0, 0.06), (784.0, 0.06), (1047.0, 0.10)),
    "boot": ((1000.0, 0.12),),
}


def square_wave(notes: tuple[tuple[float, float], ...], rate: int = SAMPLE_RATE, level: float = LEVEL) -> bytes:
    samples = array("h")
    peak = int(32767 * max(0.0, min(1.0, level)))
    for freq, seconds in notes:
        count = int(seconds * rate)
        if freq <= 0:
            samples.extend([0] * count)
            continue
        half = rate / (2 * freq)
        fade = min(count // 2, int(rate * 0.003))
        for i in range(count):
            value = peak if int(i / half) % 2 == 0 else -peak
            if i < fade:
                value = value * i // fade
            elif i >= count - fade:
                value = value * (count - i) // fade
            samples.append(value)
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()


@lru_cache(maxsize=16)
def cue_sound(name: str) -> bytes | None:
    """PCM for a cue, or None for cues this module does not make (modem sounds)."""
    notes = CUES.get(name)
    return square_wave(notes) if notes else None
