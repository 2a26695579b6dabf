"""Editor passwords: stored only as salted scrypt hashes, checked in constant time."""

from __future__ import annotations

import pytest

from landinv.auth import check_sign_in, hash_password, read_users, verify_password
from landinv.errors import UsageError


def test_hash_verifies_only_the_right_password():
    stored = hash_password("长城 correct horse")
    assert stored.startswith("scrypt$")
    assert "correct horse" not in stored
    assert verify_password("长城 correct horse", stored)
    assert not verify_password("长城 correct horsE", stored)
    assert not verify_password("", stored)


def test_each_hash_has_its_own_salt():
    assert hash_password("same") != hash_password("same")
    salt = b"0123456789abcdef"
    assert hash_password("same", salt=salt) == hash_password("same", salt=salt)


def test_empty_password_is_refused():
    with pytest.raises(UsageError):
        hash_password("")


@pytest.mark.parametrize("stored", ["plain-password", "scrypt$1$2$3", "scrypt$16384$8$1$!!$??"])
def test_malformed_hash_says_how_to_fix(stored):
    with pytest.raises(UsageError) as info:
        verify_password("x", stored)
    assert "python -m landinv.auth" in info.value.message("en")
    assert "python -m landinv.auth" in info.value.message("zh")


def test_users_from_secrets():
    assert read_users(None) == {}
    assert read_users({}) == {}
    users = read_users({"users": {"wang": hash_password("pw")}})
    assert check_sign_in(users, "wang", "pw")
    assert check_sign_in(users, " wang ", "pw")
    assert not check_sign_in(users, "li", "pw")
    assert not check_sign_in(users, "", "pw")
    with pytest.raises(UsageError):
        read_users({"users": {}})
    with pytest.raises(UsageError):
        read_users({"password": "oops"})


def test_command_prints_a_hash(monkeypatch, capsys):
    from landinv import auth

    answers = iter(["s3cret", "s3cret"])
    monkeypatch.setattr(auth.getpass, "getpass", lambda prompt="": next(answers))
    assert auth.main() == 0
    printed = capsys.readouterr().out.strip()
    assert verify_password("s3cret", printed)

    answers = iter(["one", "two"])
    assert auth.main() == 2
