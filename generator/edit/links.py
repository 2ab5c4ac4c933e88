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
    """Failed sign-ins slowed down, without locking out a room behind one address.

    A training session puts 30-40 phones behind one public address (the venue's Wi-Fi, one
    NAT), so the address alone cannot be the unit of punishment. Three counters, over a sliding
    `window` of 10 minutes:

    - per (address, token prefix): each failure of the *same* link (a stale card scanned
      again, a link cut short by a chat app; both keep their first characters) doubles that
      link's wait, 0.5 s up to 8 s. Other phones in the room, with other links, never wait.
    - per address: a budget of `limit` = 300 failures. A room of 40 where every seller taps
      an old or mangled link five times makes 200, still inside; correct sign-ins are never
      counted, so any number of them pass. Past the budget the address is refused without a
      check (a good link included: otherwise refusing would not slow a guesser at all).
    - global: a `ceiling` of 3,000 failures from all addresses (many addresses guessing at
      once). Past it, an address that failed recently is refused; an address that has not
      failed (a seller with a good card) is still checked.

    Why that is enough: a link is 192 random bits, so one guess hits one of at most 10,000
    links (2,500 sellers, each link replaced a few times) with probability < 2^-178. At the
    global ceiling, 3,000 guesses per 10 minutes are 432,000 a day, under 2^34 in a century:
    the chance of ever guessing a link stays below 2^-144. The counters only keep a guesser
    from filling the logs and the CPU; they need not be tight, so they can be kind to rooms.
    """

    PREFIX = 8  # characters of the token that name "the same link" for the per-link wait

    def __init__(
        self,
        base_delay: float = 0.5,
        cap: float = 8.0,
        limit: int = 300,
        window: float = 600.0,
        ceiling: int = 3000,
    ):
        self.base_delay, self.cap, self.limit, self.window, self.ceiling = base_delay, cap, limit, window, ceiling
        self._failures: dict[object, deque] = {}
        self._all: deque = deque()
        self._lock = threading.Lock()

    def _recent(self, key: object, q: deque | None = None) -> deque:
        now = time.monotonic()
        if q is None:
            if len(self._failures) > 20_000:  # a flood of addresses must not grow memory without end
                self._failures.clear()
            q = self._failures.setdefault(key, deque())
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def blocked(self, client: str, token: str = "") -> bool:
        """Refuse this attempt without checking it."""
        with self._lock:
            mine = len(self._recent(client))
            if mine >= self.limit:
                return True
            return mine > 0 and len(self._recent(None, self._all)) >= self.ceiling

    def fail(self, client: str, token: str = "") -> float:
        """Record a failure; return how long to wait before answering."""
        with self._lock:
            now = time.monotonic()
            self._recent(client).append(now)
            self._recent(None, self._all).append(now)
            same = self._recent((client, token[: self.PREFIX]))
            same.append(now)
            return min(self.cap, self.base_delay * 2 ** (len(same) - 1)) if self.base_delay else 0.0
