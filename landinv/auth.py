"""Editor passwords, stored only as salted scrypt hashes, and sign-in throttling.

Pure (no streamlit). The app reads ``[auth.users]`` from Streamlit secrets as
``{user name: hash}``; :func:`hash_password` makes a hash to paste there and
:func:`verify_password` checks a sign-in. ``python -m landinv.auth`` prints a
hash for a password typed at the prompt (never echoed, never stored).

Throttling (:class:`SignInThrottle`): after each failed sign-in the same user
name, and the same client, must wait longer before the next attempt
(1 s, 2 s, 4 s ... by default), and after ``max_failures`` failures in a row
they are locked out for ``lockout_minutes``. The logic takes the clock as an
argument, so it is tested without sleeping; the sidebar gate
(:mod:`landinv.ui.auth_gate`) applies it and records every failure with
:func:`record_failure_line`.
"""

from __future__ import annotations

import base64
import datetime as dt
import getpass
import hashlib
import hmac
import json
import math
import os
import sys
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from landinv import i18n
from landinv.errors import UsageError

#: Identifier at the head of every hash this module writes.
SCHEME = "scrypt"
#: scrypt cost parameters: ~16 MiB and a few tens of ms per check, enough to
#: make guessing slow while keeping a sign-in instant.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _derive(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=256 * n * r + 1024 * 1024,
        dklen=length,
    )


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """Return a storable hash ``scrypt$n$r$p$salt$key`` of ``password``.

    Parameters
    ----------
    password : str
        The plain password (must not be empty).
    salt : bytes, optional
        Random 16 bytes by default; pass one only to reproduce a hash in tests.

    Raises
    ------
    UsageError
        When the password is empty.
    """
    if not password:
        raise UsageError("auth.empty_password")
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    key = _derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES)
    return f"{SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches the ``stored`` hash (constant-time compare).

    Raises
    ------
    UsageError
        When ``stored`` is not a hash written by :func:`hash_password` (for
        example a plain password pasted into secrets.toml by mistake).
    """
    parts = str(stored).split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        raise UsageError("auth.bad_hash")
    try:
        n, r, p = (int(v) for v in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        expected = base64.b64decode(parts[5], validate=True)
    except ValueError:
        raise UsageError("auth.damaged_hash") from None
    if not password:
        return False
    actual = _derive(password, salt, n, r, p, len(expected))
    return hmac.compare_digest(actual, expected)


def read_users(auth_section: Mapping | None) -> dict[str, str]:
    """Editors configured in an ``[auth]`` secrets section: ``{user: hash}``.

    ``None`` or an empty section means no sign-in is configured.

    Raises
    ------
    UsageError
        When ``[auth]`` exists but has no ``[auth.users]`` table of hashes.
    """
    if not auth_section:
        return {}
    users = auth_section.get("users")
    if not isinstance(users, Mapping) or not users:
        raise UsageError("auth.no_users")
    return {str(name): str(value) for name, value in users.items()}


def check_sign_in(users: Mapping[str, str], user: str, password: str) -> bool:
    """True when ``user`` is a configured editor and ``password`` is theirs."""
    stored = users.get(user.strip()) if user else None
    if stored is None:
        # Spend the same time as a real check so a wrong name is not faster
        # than a wrong password.
        _derive(password or "-", b"\0" * SALT_BYTES, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES)
        return False
    return verify_password(password, stored)


# -- throttling ------------------------------------------------------------------------

#: Settings of ``[auth]`` in secrets.toml besides ``users``, with their defaults.
THROTTLE_SETTINGS = {
    "max_failures": 5,
    "lockout_minutes": 15.0,
    "delay_seconds": 1.0,
    "max_delay_seconds": 30.0,
    "failure_log": "var/auth-failures.log",
}


@dataclass(frozen=True)
class ThrottlePolicy:
    """How sign-in failures slow down and lock out.

    Attributes
    ----------
    max_failures : int
        Failures in a row (per user name, or per client) that lock it out.
    lockout_s : float
        Length of a lockout.
    base_delay_s : float
        Wait after the first failure; doubled after each further one.
    max_delay_s : float
        Longest wait between attempts (before the lockout).
    """

    max_failures: int = 5
    lockout_s: float = 900.0
    base_delay_s: float = 1.0
    max_delay_s: float = 30.0

    def delay(self, failures: int) -> float:
        """Seconds to wait after ``failures`` failures in a row (0 after none)."""
        if failures <= 0:
            return 0.0
        return min(self.max_delay_s, self.base_delay_s * 2 ** min(failures - 1, 60))


def read_policy(auth_section: Mapping | None) -> tuple[ThrottlePolicy, Path]:
    """The throttle policy and the failure log path from an ``[auth]`` secrets section.

    Raises
    ------
    UsageError
        When a setting is not a usable number or an unknown key is present.
    """
    section = dict(auth_section or {})
    unknown = sorted(set(section) - {"users", *THROTTLE_SETTINGS})
    if unknown:
        raise UsageError(
            "auth.unknown_key", keys=", ".join(unknown), known=", ".join(THROTTLE_SETTINGS)
        )
    values = {**THROTTLE_SETTINGS, **{k: v for k, v in section.items() if k != "users"}}
    count = values["max_failures"]
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise UsageError("auth.bad_count", key="max_failures", value=repr(count))
    seconds = {}
    for key in ("lockout_minutes", "delay_seconds", "max_delay_seconds"):
        value = values[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
            or value < 0
        ):
            raise UsageError("auth.bad_seconds", key=key, value=repr(value))
        seconds[key] = float(value)
    policy = ThrottlePolicy(
        max_failures=count,
        lockout_s=seconds["lockout_minutes"] * 60,
        base_delay_s=seconds["delay_seconds"],
        max_delay_s=seconds["max_delay_seconds"],
    )
    return policy, Path(str(values["failure_log"]))


@dataclass(frozen=True)
class Verdict:
    """Whether a sign-in attempt may go ahead now.

    ``wait_s`` is how long until the next attempt is allowed; ``locked`` says
    the wait is a lockout; ``failures`` is the highest failure count of the keys.
    """

    allowed: bool
    wait_s: float = 0.0
    locked: bool = False
    failures: int = 0


@dataclass
class _Entry:
    failures: int = 0
    last: float = 0.0
    locked_until: float = 0.0


def throttle_keys(user: str, client: str | None) -> tuple[str, str]:
    """The two keys a sign-in attempt counts against: its user name and its client."""
    return f"user:{(user or '').strip().casefold()}", f"client:{client or 'unknown'}"


class SignInThrottle:
    """Failed sign-ins per key, with a growing delay and a lockout (thread-safe).

    Pure: the caller passes the time (``time.monotonic()`` in the app), so the
    behaviour is tested without waiting. Keys are strings such as those of
    :func:`throttle_keys`.

    Parameters
    ----------
    policy : ThrottlePolicy
    max_entries : int
        Keys remembered at most; the stalest are forgotten first (an attacker
        inventing user names cannot grow memory without bound).
    """

    def __init__(self, policy: ThrottlePolicy | None = None, *, max_entries: int = 10_000):
        self.policy = policy or ThrottlePolicy()
        self.max_entries = max_entries
        self._entries: dict[str, _Entry] = {}
        self._lock = threading.Lock()

    def _verdict(self, keys: Iterable[str], now: float) -> Verdict:
        wait, locked, failures = 0.0, False, 0
        for key in keys:
            entry = self._entries.get(key)
            if entry is None:
                continue
            over = entry.locked_until and entry.locked_until <= now
            stale = not entry.locked_until and now - entry.last > self.policy.lockout_s
            if over or stale:
                # A lockout served, or failures older than a lockout: a fresh start.
                del self._entries[key]
                continue
            failures = max(failures, entry.failures)
            if entry.locked_until > now:
                locked = True
                wait = max(wait, entry.locked_until - now)
            else:
                wait = max(wait, entry.last + self.policy.delay(entry.failures) - now)
        wait = max(wait, 0.0)
        return Verdict(
            allowed=wait <= 0 and not locked, wait_s=wait, locked=locked, failures=failures
        )

    def check(self, keys: Iterable[str], now: float) -> Verdict:
        """May an attempt for ``keys`` be checked at time ``now``?"""
        with self._lock:
            return self._verdict(list(keys), now)

    def record_failure(self, keys: Iterable[str], now: float) -> Verdict:
        """Count a failed attempt at ``now``; return what the next attempt faces."""
        keys = list(keys)
        with self._lock:
            for key in keys:
                entry = self._entries.setdefault(key, _Entry())
                entry.failures += 1
                entry.last = now
                if entry.failures >= self.policy.max_failures:
                    entry.locked_until = now + self.policy.lockout_s
            self._forget_stalest()
            return self._verdict(keys, now)

    def record_success(self, keys: Iterable[str]) -> None:
        """A correct sign-in clears the counts of its keys."""
        with self._lock:
            for key in keys:
                self._entries.pop(key, None)

    def _forget_stalest(self) -> None:
        excess = len(self._entries) - self.max_entries
        if excess > 0:
            stalest = sorted(self._entries, key=lambda k: self._entries[k].last)[:excess]
            for key in stalest:
                del self._entries[key]


def record_failure_line(
    path: Path,
    *,
    user: str,
    client: str | None,
    verdict: Verdict,
    outcome: str,
    when: dt.datetime | None = None,
) -> None:
    """Append one JSON line about a refused sign-in to ``path`` (created when missing).

    Never the password. The user name is kept as typed (cut to 200
    characters); JSON escaping keeps control characters from forging lines.
    ``outcome`` is ``wrong_password`` or ``throttled``.
    """
    when = when or dt.datetime.now(dt.UTC)
    line = json.dumps(
        {
            "time": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "event": "sign_in_refused",
            "outcome": outcome,
            "user": (user or "")[:200],
            "client": client or "unknown",
            "failures": verdict.failures,
            "locked": verdict.locked,
            "wait_s": round(verdict.wait_s, 1),
        },
        ensure_ascii=False,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def main(argv: list[str] | None = None) -> int:
    """Prompt for a password twice and print its hash for secrets.toml."""
    first = getpass.getpass(i18n.both("auth.prompt_password") + ": ")
    second = getpass.getpass(i18n.both("auth.prompt_again") + ": ")
    if first != second:
        print(i18n.both("auth.mismatch"), file=sys.stderr)
        return 2
    try:
        print(hash_password(first))
    except UsageError as exc:
        print(exc.message(), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
