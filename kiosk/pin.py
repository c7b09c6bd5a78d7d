"""Admin PIN: salted PBKDF2 hashes and a lock-out that doubles after each lock.

The config stores only `pbkdf2_sha256$iterations$salt$hash`; a plain PIN is refused by `check`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets

LOG = logging.getLogger("kiosk.admin")
ITERATIONS = 200_000


def hash_pin(pin: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, iterations, salt_b64, digest_b64 = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), base64.b64decode(salt_b64), int(iterations))
        return hmac.compare_digest(digest, base64.b64decode(digest_b64))
    except (ValueError, TypeError):
        return False


class PinGate:
    """Counts wrong PINs: after `max_attempts` entry locks for `lockout_s`, doubling on each further lock."""

    def __init__(self, pin_hash: str, max_attempts: int = 5, lockout_s: float = 300.0) -> None:
        self.pin_hash = pin_hash
        self.max_attempts = max_attempts
        self.lockout_s = lockout_s
        self.failures = 0
        self.locks = 0
        self.locked_until = 0.0

    @property
    def enabled(self) -> bool:
        return bool(self.pin_hash)

    def locked_for(self, now: float) -> float:
        return max(0.0, self.locked_until - now)

    def attempts_left(self) -> int:
        return self.max_attempts - self.failures

    def try_pin(self, pin: str, now: float) -> bool:
        if not self.enabled or self.locked_for(now) > 0:
            LOG.warning("admin PIN attempt while %s", "locked" if self.enabled else "disabled")
            return False
        if verify_pin(pin, self.pin_hash):
            LOG.info("admin PIN accepted")
            self.failures = 0
            return True
        self.failures += 1
        LOG.warning("admin PIN wrong (%d of %d)", self.failures, self.max_attempts)
        if self.failures >= self.max_attempts:
            self.locked_until = now + self.lockout_s * (2 ** self.locks)
            self.locks += 1
            self.failures = 0
            LOG.warning("admin entry locked for %.0f s", self.locked_until - now)
        return False
