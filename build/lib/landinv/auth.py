"""Editor passwords, stored only as salted scrypt hashes.

Pure (no streamlit). The app reads ``[auth.users]`` from Streamlit secrets as
``{user name: hash}``; :func:`hash_password` makes a hash to paste there and
:func:`verify_password` checks a sign-in. ``python -m landinv.auth`` prints a
hash for a password typed at the prompt (never echoed, never stored).
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import os
import sys
from collections.abc import Mapping

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
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * n * r + 1024 * 1024, dklen=length)


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
        raise UsageError("密码不能为空。", "The password must not be empty.")
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
        raise UsageError(
            "密码哈希格式不对（应以 scrypt$ 开头）。请用 python -m landinv.auth 生成哈希，"
            "不要把明文密码写进 secrets.toml。",
            "Malformed password hash (it should start with scrypt$). Generate one with "
            "python -m landinv.auth; never put a plain password in secrets.toml.",
        )
    try:
        n, r, p = (int(v) for v in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        expected = base64.b64decode(parts[5], validate=True)
    except ValueError:
        raise UsageError(
            "密码哈希已损坏。请用 python -m landinv.auth 重新生成。",
            "The password hash is damaged. Generate it again with python -m landinv.auth.",
        ) from None
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
        raise UsageError(
            "secrets.toml 里有 [auth]，但缺少 [auth.users]（用户名 = 密码哈希）。",
            "secrets.toml has [auth] but no [auth.users] table (user name = password hash).",
        )
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


def main(argv: list[str] | None = None) -> int:
    """Prompt for a password twice and print its hash for secrets.toml."""
    first = getpass.getpass("密码 / Password: ")
    second = getpass.getpass("再输一次 / Again: ")
    if first != second:
        print("两次输入不一致 / The two entries differ.", file=sys.stderr)
        return 2
    try:
        print(hash_password(first))
    except UsageError as exc:
        print(exc.message(), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
