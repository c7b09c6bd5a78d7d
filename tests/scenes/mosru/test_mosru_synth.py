"""The synthesized handshake: length, loudness, determinism, the right tones, and pygame accepts it."""

from __future__ import annotations

import math
from array import array

import pygame
import pytest

from scenes.mosru.synth import (
    ANSWER_HZ,
    MAX_SECONDS,
    SAMPLE_RATE,
    duration_seconds,
    handshake_sound,
    peak_dbfs,
    plan,
)


def goertzel_power(samples: array, rate: int, freq: float) -> float:
    """Relative power of one frequency in a block of samples."""
    k = 2 * math.cos(2 * math.pi * freq / rate)
    s1 = s2 = 0.0
    for x in samples:
        s1, s2 = x + k * s1 - s2, s1
    return (s1 * s1 + s2 * s2 - k * s1 * s2) / len(samples) ** 2


def segment_samples(name: str) -> array:
    sound = handshake_sound()
    start = 0.0
    for segment in sound.segments:
        if segment.name == name:
            break
        start += segment.seconds
    samples = array("h")
    samples.frombytes(sound.pcm)
    first = int(start * SAMPLE_RATE)
    return samples[first: first + int(0.06 * SAMPLE_RATE)]


def test_duration_and_peak_level() -> None:
    sound = handshake_sound()
    assert 4.0 <= sound.duration <= MAX_SECONDS
    assert sound.duration == pytest.approx(sum(s.seconds for s in sound.segments), abs=0.01)
    assert duration_seconds(sound.pcm) == sound.duration
    assert peak_dbfs(sound.pcm) <= -6.0
    assert peak_dbfs(sound.pcm) == pytest.approx(-9.0, abs=0.1)
    quieter = handshake_sound(peak_dbfs=-20.0)
    assert peak_dbfs(quieter.pcm) == pytest.approx(-20.0, abs=0.1)


def test_deterministic_and_never_too_loud_or_too_long() -> None:
    assert handshake_sound.__wrapped__() == handshake_sound.__wrapped__()  # same seed, same bytes
    with pytest.raises(ValueError):
        handshake_sound(peak_dbfs=-3.0)
    long_number = plan("1234567890123456789012345")
    assert sum(s.seconds for s in long_number) <= MAX_SECONDS


def test_dtmf_digit_and_answer_tone_frequencies() -> None:
    five = segment_samples("digit_5")  # 770 Hz + 1336 Hz
    assert goertzel_power(five, SAMPLE_RATE, 770) > 50 * goertzel_power(five, SAMPLE_RATE, 941)
    assert goertzel_power(five, SAMPLE_RATE, 1336) > 50 * goertzel_power(five, SAMPLE_RATE, 1209)
    answer = segment_samples("answer_tone")
    assert goertzel_power(answer, SAMPLE_RATE, ANSWER_HZ) > 50 * goertzel_power(answer, SAMPLE_RATE, 1500)


def test_stages_cover_dialog_texts_in_order() -> None:
    assert [name for name, _ in handshake_sound().stages()] == ["dial", "ring", "answer", "negotiate"]


def test_pygame_mixer_accepts_the_buffer() -> None:
    pygame.mixer.init(frequency=SAMPLE_RATE, size=-16, channels=1)
    try:
        sound = handshake_sound()
        mixer_sound = pygame.mixer.Sound(buffer=sound.pcm)
        assert mixer_sound.get_length() == pytest.approx(sound.duration, abs=0.01)
    finally:
        pygame.mixer.quit()
