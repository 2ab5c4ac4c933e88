"""Secret sign-in links: made with `secrets`, stored only as SHA-256 digests, compared in constant time.

The store is one JSON file outside `sellers/` (DIR/.lapak-edit/keys.json, mode 0600, git-ignored):
the session-signing secret, and per seller (and for the trainer, under TRAINER) the digest of
the current link and a short id that sessions carry, so a replaced link also ends its sessions.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from collections import deque
from pathlib import Path

from generator.core.atomic import write_atomic

STATE_DIR = ".lapak-edit"
KEYS_FILE = "keys.json"
TRAINER = "*"  # no seller slug has a star (slugs are [a-z0-9-])
TOKEN_BYTES = 24  # 192 random bits; the issue asks for at least 128


def state_dir(root: Path) -> Path:
    """DIR/.lapak-edit, made private to this user on first use."""
    folder = root / STATE_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():  # its own .gitignore: ignored in any repository, whatever the market's says
        ignore.write_text("# secret links and change history: never committed, never published\n*\n")
    return folder


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class KeyStore:
    """The hashed links of one market and its session secret (read once, rewritten on change)."""

    def __init__(self, root: Path):
        self.path = root / STATE_DIR / KEYS_FILE
        self.root = root
        self._lock = threading.Lock()
        self.data = self._read()

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if not isinstance(data, dict) or not isinstance(data.get("links"), dict):
            data = {"links": {}}
        if not isinstance(data.get("secret"), str) or len(data["secret"]) < 32:
            data["secret"] = secrets.token_urlsafe(32)
            self._save(data)
        return data

    def _save(self, data: dict) -> None:
        state_dir(self.root)
        write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"), mode=0o600)
        os.chmod(self.path, 0o600)

    @property
    def secret(self) -> str:
        return self.data["secret"]

    def new_link(self, who: str) -> str:
        """A fresh token for a seller slug (or TRAINER); the previous one stops working at once."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with self._lock:
            self.data["links"][who] = {"hash": _digest(token), "id": secrets.token_hex(8)}
            self._save(self.data)
        return token

    def has_link(self, who: str) -> bool:
        return who in self.data["links"]

    def sign_in(self, token: str) -> tuple[str, str] | None:
        """(who, link id) for a valid token, else None. Every stored digest is compared, each in
        constant time, so the time taken says nothing about which one was close."""
        if not isinstance(token, str) or not 16 <= len(token) <= 128:
            return None
        digest = _digest(token)
        found = None
        for who, entry in self.data["links"].items():
            if hmac.compare_digest(entry.get("hash", ""), digest):
                found = (who, entry.get("id", ""))
        return found

    def current(self, who: str, link_id: str) -> bool:
        """A session is good while its link is still the current one."""
        entry = self.data["links"].get(who)
        return bool(entry) and hmac.compare_digest(entry.get("id", ""), link_id or "")


class Throttle:
    """Failed sign-ins slowed down per client: each recent failure doubles the wait (capped),
    and past `limit` failures in `window` seconds the client is refused without a check."""

    def __init__(self, base_delay: float = 0.5, cap: float = 8.0, limit: int = 20, window: float = 600.0):
        self.base_delay, self.cap, self.limit, self.window = base_delay, cap, limit, window
        self._failures: dict[str, deque] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str) -> deque:
        now = time.monotonic()
        q = self._failures.setdefault(client, deque())
        while q and now - q[0] > self.window:
            q.popleft()
        if len(self._failures) > 10_000:  # a flood of addresses must not grow memory without end
            self._failures.clear()
            self._failures[client] = q
        return q

    def blocked(self, client: str) -> bool:
        with self._lock:
            return len(self._recent(client)) >= self.limit

    def fail(self, client: str) -> float:
        """Record a failure; return how long to wait before answering."""
        with self._lock:
            q = self._recent(client)
            q.append(time.monotonic())
            return min(self.cap, self.base_delay * 2 ** (len(q) - 1)) if self.base_delay else 0.0
