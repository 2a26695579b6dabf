"""Texts of editor passwords and sign-in throttling (landinv/auth.py, landinv/ui/auth_gate.py).

The sign-in form's own labels (``auth.sign_in``, ``auth.failed`` ...) are in
:mod:`landinv.i18n.ui`.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "auth.empty_password": {"zh": "密码不能为空。", "en": "The password must not be empty."},
    "auth.bad_hash": {
        "zh": "密码哈希格式不对（应以 scrypt$ 开头）。请用 python -m landinv.auth 生成哈希，"
        "不要把明文密码写进 secrets.toml。",
        "en": "Malformed password hash (it should start with scrypt$). Generate one with "
        "python -m landinv.auth; never put a plain password in secrets.toml.",
    },
    "auth.damaged_hash": {
        "zh": "密码哈希已损坏。请用 python -m landinv.auth 重新生成。",
        "en": "The password hash is damaged. Generate it again with python -m landinv.auth.",
    },
    "auth.no_users": {
        "zh": "secrets.toml 里有 [auth]，但缺少 [auth.users]（用户名 = 密码哈希）。",
        "en": "secrets.toml has [auth] but no [auth.users] table (user name = password hash).",
    },
    "auth.bad_count": {
        "zh": "secrets.toml 的 [auth] 中 {key} = {value} 不可用：应为正整数。",
        "en": "{key} = {value} in [auth] of secrets.toml is not usable: it must be a whole "
        "number above 0.",
    },
    "auth.bad_seconds": {
        "zh": "secrets.toml 的 [auth] 中 {key} = {value} 不可用：应为不小于 0 的数。",
        "en": "{key} = {value} in [auth] of secrets.toml is not usable: it must be a number "
        "of 0 or more.",
    },
    "auth.unknown_key": {
        "zh": "[auth] 中有未知项：{keys}。可用：users, {known}",
        "en": "Unknown keys in [auth]: {keys}. Known: users, {known}",
    },
    "auth.prompt_password": {"zh": "密码", "en": "Password"},
    "auth.prompt_again": {"zh": "再输一次", "en": "Again"},
    "auth.mismatch": {"zh": "两次输入不一致。", "en": "The two entries differ."},
    "auth.wait": {
        "zh": "登录失败次数过多，请等待 {seconds} 秒后再试。",
        "en": "Too many failed sign-ins: wait {seconds} s before trying again.",
    },
    "auth.locked": {
        "zh": "连续 {failures} 次登录失败，已锁定 {minutes} 分钟。请稍后再试，或请管理员核对账号。",
        "en": "{failures} failed sign-ins in a row: locked for {minutes} min. Try again "
        "later, or ask the administrator to check the account.",
    },
}
