"""JSON written into pages: compact, with sorted keys, so that the same data is the same bytes."""

from __future__ import annotations

import json

from markupsafe import Markup


def compact_json(data) -> str:
    """JSON for a data attribute (HTML-escaped by the template like any other text)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def json_ld(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json"> that no text can break out of."""
    text = compact_json(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
