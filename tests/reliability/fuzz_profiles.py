"""Hypothesis settings for the reliability fuzzers: a modest profile for the normal suite, a big one for soak.

The same property functions run in both: tests/reliability/ builds its tests with `settings(NORMAL)`,
tests/soak/test_soak_fuzz.py (marked slow, run by `make soak`) with `settings(SOAK)`.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

_COMMON = settings(deadline=None, print_blob=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                          HealthCheck.function_scoped_fixture])

settings.register_profile("reliability", _COMMON, max_examples=40)
settings.register_profile("reliability-soak", _COMMON, max_examples=600)

NORMAL = settings.get_profile("reliability")
SOAK = settings.get_profile("reliability-soak")


def scaled(profile: settings, share: float) -> settings:
    """The profile with `share` of its examples (for the slower properties)."""
    return settings(profile, max_examples=max(3, round(profile.max_examples * share)))
