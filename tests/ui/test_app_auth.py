"""Editor passwords: stored only as salted scrypt hashes, checked in constant time."""

from __future__ import annotations

import json

import pytest

from landinv.auth import (
    SignInThrottle,
    ThrottlePolicy,
    check_sign_in,
    hash_password,
    read_policy,
    read_users,
    record_failure_line,
    throttle_keys,
    verify_password,
)
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


# -- throttling (pure) ----------------------------------------------------------------------

POLICY = ThrottlePolicy(max_failures=5, lockout_s=900, base_delay_s=1, max_delay_s=30)


def test_each_failure_doubles_the_wait_for_the_same_user_and_client():
    throttle = SignInThrottle(POLICY)
    keys = throttle_keys("wang", "10.0.0.7")
    now = 1000.0
    assert throttle.check(keys, now).allowed
    for n, wait in enumerate([1, 2, 4, 8], start=1):
        verdict = throttle.record_failure(keys, now)
        assert (verdict.allowed, verdict.wait_s, verdict.locked, verdict.failures) == (
            False,
            wait,
            False,
            n,
        )
        assert not throttle.check(keys, now + wait - 0.01).allowed
        now += wait
        assert throttle.check(keys, now).allowed


def test_the_wait_stops_growing_at_the_maximum():
    policy = ThrottlePolicy(max_failures=100, base_delay_s=1, max_delay_s=30)
    assert [policy.delay(n) for n in (0, 1, 5, 6, 99)] == [0, 1, 16, 30, 30]


def test_a_lockout_after_max_failures_then_a_fresh_start():
    throttle = SignInThrottle(POLICY)
    keys = throttle_keys("wang", "10.0.0.7")
    now = 0.0
    for _ in range(4):
        assert not throttle.record_failure(keys, now).locked
        now += 60
    verdict = throttle.record_failure(keys, now)
    assert verdict.locked and verdict.wait_s == 900 and verdict.failures == 5
    assert throttle.check(keys, now + 899).locked
    after = throttle.check(keys, now + 900.5)
    assert after.allowed and after.failures == 0
    assert not throttle.record_failure(keys, now + 901).locked  # counting starts again


def test_the_user_name_is_counted_across_clients_and_the_client_across_names():
    throttle = SignInThrottle(POLICY)
    for i in range(5):  # one name tried from five addresses
        throttle.record_failure(throttle_keys("Wang ", f"10.0.0.{i}"), 0.0)
    assert throttle.check(throttle_keys("wang", "10.0.0.99"), 1.0).locked
    assert throttle.check(throttle_keys("li", "10.0.0.99"), 1.0).allowed

    throttle = SignInThrottle(POLICY)
    for i in range(5):  # five names tried from one address
        throttle.record_failure(throttle_keys(f"user{i}", "10.9.9.9"), 0.0)
    assert throttle.check(throttle_keys("li", "10.9.9.9"), 1.0).locked
    assert throttle.check(throttle_keys("li", "10.0.0.1"), 1.0).allowed


def test_success_clears_and_old_failures_are_forgotten():
    throttle = SignInThrottle(POLICY)
    keys = throttle_keys("wang", "10.0.0.7")
    for _ in range(4):
        throttle.record_failure(keys, 0.0)
    throttle.record_success(keys)
    assert throttle.check(keys, 0.0).allowed
    for _ in range(4):
        throttle.record_failure(keys, 0.0)
    later = throttle.check(keys, 901.0)  # longer ago than a lockout
    assert later.allowed and later.failures == 0


def test_memory_is_bounded():
    throttle = SignInThrottle(POLICY, max_entries=100)
    for i in range(1000):
        throttle.record_failure(throttle_keys(f"u{i}", f"c{i}"), float(i))
    assert len(throttle._entries) == 100
    assert throttle.check(throttle_keys("u999", "c999"), 999.0).failures == 1


def test_policy_from_secrets(tmp_path):
    policy, log = read_policy({"users": {}})
    assert policy == ThrottlePolicy() and str(log) == "var/auth-failures.log"
    policy, log = read_policy(
        {
            "max_failures": 3,
            "lockout_minutes": 2,
            "delay_seconds": 0,
            "max_delay_seconds": 5,
            "failure_log": str(tmp_path / "f"),
        }
    )
    assert policy == ThrottlePolicy(3, 120.0, 0.0, 5.0) and log == tmp_path / "f"
    for bad in (
        {"max_failures": 0},
        {"max_failures": "5"},
        {"max_failures": True},
        {"lockout_minutes": -1},
        {"delay_seconds": "a"},
        {"max_delay_seconds": float("inf")},
    ):
        with pytest.raises(UsageError) as info:
            read_policy(bad)
        assert next(iter(bad)) in info.value.en and next(iter(bad)) in info.value.zh
    with pytest.raises(UsageError, match="max_failure"):
        read_policy({"max_failure": 3})


def test_a_failure_line_names_user_and_client_never_the_password(tmp_path):
    throttle = SignInThrottle(POLICY)
    verdict = throttle.record_failure(throttle_keys("wang", "10.0.0.7"), 0.0)
    log = tmp_path / "sub" / "auth.log"
    record_failure_line(
        log,
        user='wang\n{"forged": 1}',
        client="10.0.0.7",
        verdict=verdict,
        outcome="wrong_password",
    )
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1  # a newline in the name cannot forge a second line
    entry = json.loads(lines[0])
    assert entry["user"] == 'wang\n{"forged": 1}' and entry["client"] == "10.0.0.7"
    assert entry["failures"] == 1 and entry["outcome"] == "wrong_password"


# -- the gate in the app --------------------------------------------------------------------


def _gate_script():
    import streamlit as st

    from landinv.ui.auth_gate import render_sign_in

    editor = render_sign_in("zh")
    st.write(f"can_edit={editor.can_edit}")


def _attempt(at, user, password):
    at.sidebar.text_input(key="auth_user").input(user)
    at.sidebar.text_input(key="auth_password").input(password)
    at.sidebar.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return [e.value for e in at.sidebar.error]


@pytest.fixture
def gate(tmp_path):
    """An AppTest of the sign-in gate with a fresh throttle; returns (factory, log path)."""
    from streamlit.testing.v1 import AppTest

    from landinv.ui import auth_gate

    auth_gate._throttle.clear()
    log = tmp_path / "auth-failures.log"

    def make(**settings):
        at = AppTest.from_function(_gate_script, default_timeout=60)
        at.secrets["auth"] = {
            "users": {"wang": hash_password("correct horse")},
            "failure_log": str(log),
            **settings,
        }
        at.run()
        return at

    yield make, log
    auth_gate._throttle.clear()


def test_the_gate_locks_out_after_n_failures(gate):
    from landinv.i18n import tr

    make, log = gate
    at = make(max_failures=3, delay_seconds=0, lockout_minutes=10)
    for _ in range(2):
        assert _attempt(at, "wang", "guess") == [tr("auth.failed", "zh")]
    errors = _attempt(at, "wang", "guess")
    locked = tr("auth.locked", "zh", failures=3, minutes=10)
    assert errors == [tr("auth.failed", "zh"), locked]
    # Now even the right password is refused, unchecked, until the lockout ends.
    assert _attempt(at, "wang", "correct horse") == [locked]
    assert any("can_edit=False" in m.value for m in at.markdown)
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [e["outcome"] for e in entries] == ["wrong_password"] * 3 + ["throttled"]
    assert [e["locked"] for e in entries] == [False, False, True, True]
    assert "guess" not in log.read_text(encoding="utf-8")
    assert "correct horse" not in log.read_text(encoding="utf-8")


def test_the_gate_makes_the_next_attempt_wait(gate):
    from landinv.i18n import tr

    make, _ = gate
    at = make(delay_seconds=20)
    assert _attempt(at, "wang", "guess") == [tr("auth.failed", "zh")]
    assert _attempt(at, "wang", "correct horse") == [tr("auth.wait", "zh", seconds=20)]
    assert any("can_edit=False" in m.value for m in at.markdown)


def test_the_gate_signs_in_after_a_mistake_when_no_wait_is_set(gate):
    make, _ = gate
    at = make(delay_seconds=0)
    _attempt(at, "wang", "guess")
    assert _attempt(at, "wang", "correct horse") == []
    assert any("wang" in s.value for s in at.sidebar.success)
