"""The fixed split of every development set into a part we tune on and a part we only check.

Held-out sets judge the work, so each set we tune on is split once, by a hash of a stable key (a
sentence's text, a record id, a file name), never by position: adding records never moves the old ones.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Part = Literal["tune", "check"]
CHECK_SHARE = 5  # one key in five is checked


def part_of(key: str) -> Part:
    """The part a development record belongs to: ``check`` for about 20 % of keys, else ``tune``."""
    digest = hashlib.sha1(key.strip().encode("utf-8")).digest()
    return "check" if int.from_bytes(digest[:8], "big") % CHECK_SHARE == 0 else "tune"
