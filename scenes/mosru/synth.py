"""A dial-up handshake sound made in code (no recording): dial tone, DTMF digits, ringback, the 2100 Hz
answer tone with phase reversals, a burst of low-speed FSK, a multi-tone line probe and scrambled
QAM-like training noise. 16-bit mono PCM at 22050 Hz from the standard library only (array, math,
random with a fixed seed), ready for `pygame.mixer.Sound(buffer=...)` / kiosk.sound.Sound.play.

The segment plan is public so that the connection dialog's stage texts change exactly with the sound.
"""

from __future__ import annotations

import math
import random
import sys
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

SAMPLE_RATE = 22050
MAX_SECONDS = 6.0
FULL_SCALE = 32767

DTMF_ROWS = (697.0, 770.0, 852.0, 941.0)
DTMF_COLS = (1209.0, 1336.0, 1477.0, 1633.0)
DTMF_KEYS = ("123A", "456B", "789C", "*0#D")
DIAL_TONE_HZ = 425.0  # the Russian dial and ringback tone
ANSWER_HZ = 2100.0

DIAL_TONE_S = 0.5
DIGIT_ON_S = 0.08
DIGIT_OFF_S = 0.06
RING_S = 1.0
ANSWER_S = 1.0
FSK_S = 0.35
PROBE_S = 0.3
TRAINING_S = 1.4


@dataclass(frozen=True)
class Segment:
    """One piece of the handshake; `stage` is what the dialog says meanwhile (dial/ring/answer/negotiate)."""

    name: str
    stage: str
    seconds: float


@dataclass(frozen=True)
class HandshakeSound:
    pcm: bytes
    sample_rate: int
    segments: tuple[Segment, ...]

    @property
    def duration(self) -> float:
        return duration_seconds(self.pcm, self.sample_rate)

    def stages(self) -> list[tuple[str, float]]:
        """(stage, seconds) with neighbouring segments of one stage merged: input for dialup.ModemLink."""
        merged: list[tuple[str, float]] = []
        for segment in self.segments:
            if merged and merged[-1][0] == segment.stage:
                merged[-1] = (segment.stage, merged[-1][1] + segment.seconds)
            else:
                merged.append((segment.stage, segment.seconds))
        return merged


def plan(digits: str, max_seconds: float = MAX_SECONDS) -> tuple[Segment, ...]:
    """The segment plan; digits are dropped from the end if the whole would exceed `max_seconds`."""
    fixed = DIAL_TONE_S + RING_S + ANSWER_S + FSK_S + PROBE_S + TRAINING_S
    keys = [d for d in digits.upper() if any(d in row for row in DTMF_KEYS)]
    room = max(0, int((max_seconds - fixed) // (DIGIT_ON_S + DIGIT_OFF_S)))
    keys = keys[:room]
    segments = [Segment("dial_tone", "dial", DIAL_TONE_S)]
    segments += [Segment(f"digit_{key}", "dial", DIGIT_ON_S + DIGIT_OFF_S) for key in keys]
    segments += [Segment("ringback", "ring", RING_S), Segment("answer_tone", "answer", ANSWER_S),
                 Segment("fsk", "negotiate", FSK_S), Segment("probe", "negotiate", PROBE_S),
                 Segment("training", "negotiate", TRAINING_S)]
    return tuple(segments)


def _tones(freqs: tuple[float, ...], seconds: float, rate: int, level: float = 1.0) -> list[float]:
    count = int(seconds * rate)
    steps = [2 * math.pi * f / rate for f in freqs]
    scale = level / len(freqs)
    return [scale * sum(math.sin(step * i) for step in steps) for i in range(count)]


def _dtmf(key: str, rate: int) -> list[float]:
    row = next(r for r, keys in enumerate(DTMF_KEYS) if key in keys)
    col = DTMF_KEYS[row].index(key)
    return _fade(_tones((DTMF_ROWS[row], DTMF_COLS[col]), DIGIT_ON_S, rate), rate) + [0.0] * int(DIGIT_OFF_S * rate)


def _ringback(rate: int) -> list[float]:
    on = _fade(_tones((DIAL_TONE_HZ,), 0.8, rate, 0.8), rate)
    return on + [0.0] * (int(RING_S * rate) - len(on))


def _answer(rate: int) -> list[float]:
    """2100 Hz with a phase reversal every 450 ms and a light 15 Hz amplitude ripple (answer tone of V.8)."""
    count = int(ANSWER_S * rate)
    step = 2 * math.pi * ANSWER_HZ / rate
    out = []
    for i in range(count):
        t = i / rate
        phase = math.pi * int(t / 0.45)
        out.append(math.sin(step * i + phase) * (0.8 + 0.2 * math.sin(2 * math.pi * 15 * t)))
    return _fade(out, rate)


def _fsk(rng: random.Random, rate: int) -> list[float]:
    """300-baud frequency-shift keying on both V.21 channels, random bits (the 'warble')."""
    count = int(FSK_S * rate)
    per_bit = rate // 300
    phase_a = phase_b = 0.0
    out = []
    for i in range(count):
        if i % per_bit == 0:
            f_a = 980.0 if rng.random() < 0.5 else 1180.0
            f_b = 1650.0 if rng.random() < 0.5 else 1850.0
        phase_a += 2 * math.pi * f_a / rate
        phase_b += 2 * math.pi * f_b / rate
        out.append(0.5 * math.sin(phase_a) + 0.5 * math.sin(phase_b))
    return _fade(out, rate)


def _probe(rate: int) -> list[float]:
    """A comb of tones 150..3750 Hz sounded together: the line probing 'bong'."""
    return _fade(_tones(tuple(150.0 * k for k in range(1, 26)), PROBE_S, rate, 3.0), rate)


def _training(rng: random.Random, rate: int) -> list[float]:
    """Random 16-point QAM symbols at 2400 baud on an 1800 Hz carrier: the hiss of equaliser training."""
    count = int(TRAINING_S * rate)
    step = 2 * math.pi * 1800.0 / rate
    symbol_every = rate / 2400.0
    levels = (-3.0, -1.0, 1.0, 3.0)
    i_sym = q_sym = 0.0
    next_symbol = 0.0
    out = []
    for i in range(count):
        if i >= next_symbol:
            i_sym, q_sym = rng.choice(levels), rng.choice(levels)
            next_symbol += symbol_every
        out.append((i_sym * math.cos(step * i) - q_sym * math.sin(step * i)) / 4.3)
    gap = int(0.08 * rate)  # two bursts
    middle = count // 2
    out[middle - gap // 2: middle + gap // 2] = [0.0] * (2 * (gap // 2))
    return _fade(out, rate)


def _biquad(samples: list[float], rate: int, freq: float, kind: str, q: float = 0.707) -> list[float]:
    """RBJ-cookbook low- or high-pass filter (second order), direct form I."""
    w0 = 2 * math.pi * freq / rate
    alpha = math.sin(w0) / (2 * q)
    cos_w0 = math.cos(w0)
    if kind == "low":
        b0 = b2 = (1 - cos_w0) / 2
        b1 = 1 - cos_w0
    else:
        b0 = b2 = (1 + cos_w0) / 2
        b1 = -(1 + cos_w0)
    a0, a1, a2 = 1 + alpha, -2 * cos_w0, 1 - alpha
    b0, b1, b2, a1, a2 = b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0
    x1 = x2 = y1 = y2 = 0.0
    out = []
    for x in samples:
        y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
        x2, x1, y2, y1 = x1, x, y1, y
        out.append(y)
    return out


def telephone_band(samples: list[float], rate: int) -> list[float]:
    """What a phone line lets through: roughly 300–3400 Hz."""
    return _biquad(_biquad(_biquad(samples, rate, 3400.0, "low"), rate, 3400.0, "low"), rate, 300.0, "high")


def _fade(samples: list[float], rate: int, seconds: float = 0.004) -> list[float]:
    n = min(int(seconds * rate), len(samples) // 2)
    for i in range(n):
        gain = 0.5 - 0.5 * math.cos(math.pi * i / n)
        samples[i] *= gain
        samples[-1 - i] *= gain
    return samples


@lru_cache(maxsize=4)
def handshake_sound(digits: str = "5550000", peak_dbfs: float = -9.0, seed: int = 1996,
                    sample_rate: int = SAMPLE_RATE) -> HandshakeSound:
    """Render the whole handshake. Peak level is exactly `peak_dbfs` (must be ≤ −6 dBFS)."""
    if peak_dbfs > -6.0:
        raise ValueError("peak_dbfs must be -6 or lower (not too loud for a kiosk)")
    rng = random.Random(seed)
    segments = plan(digits)
    makers: dict[str, Callable[[], list[float]]] = {
        "dial_tone": lambda: _fade(_tones((DIAL_TONE_HZ,), DIAL_TONE_S, sample_rate, 0.8), sample_rate),
        "ringback": lambda: _ringback(sample_rate),
        "answer_tone": lambda: _answer(sample_rate),
        "fsk": lambda: _fsk(rng, sample_rate),
        "probe": lambda: _probe(sample_rate),
        "training": lambda: _training(rng, sample_rate),
    }
    samples: list[float] = []
    for segment in segments:
        if segment.name.startswith("digit_"):
            piece = _dtmf(segment.name[-1], sample_rate)
        else:
            piece = makers[segment.name]()
        wanted = int(round(segment.seconds * sample_rate))
        samples.extend(piece[:wanted] + [0.0] * max(0, wanted - len(piece)))
    samples = telephone_band(samples, sample_rate)
    peak = max(abs(s) for s in samples) or 1.0
    gain = FULL_SCALE * 10 ** (peak_dbfs / 20) / peak
    pcm = array("h", (int(round(s * gain)) for s in samples))
    if sys.byteorder != "little":
        pcm.byteswap()
    return HandshakeSound(pcm.tobytes(), sample_rate, segments)


def duration_seconds(pcm: bytes, sample_rate: int = SAMPLE_RATE) -> float:
    return len(pcm) / 2 / sample_rate


def peak_dbfs(pcm: bytes) -> float:
    """Loudest sample of 16-bit little-endian PCM in dB relative to full scale (−inf for silence)."""
    samples = array("h")
    samples.frombytes(pcm)
    if sys.byteorder != "little":
        samples.byteswap()
    peak = max((abs(s) for s in samples), default=0)
    return 20 * math.log10(peak / FULL_SCALE) if peak else float("-inf")
