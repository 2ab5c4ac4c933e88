"""Every text a theme shows has an Indonesian translation; no stale entries linger."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po

THEMES = Path(__file__).resolve().parent.parent / "themes"


def _extracted(theme: Path) -> set[str]:
    ids = set()
    for template in sorted((theme / "templates").glob("*.html")):
        with template.open("rb") as fh:
            for _, message, _, _ in extract(
                "jinja2.ext:babel_extract", fh, options={"extensions": "jinja2.ext.i18n", "trimmed": "false"}
            ):
                ids.update([message] if isinstance(message, str) else [m for m in message if m])
    return ids


def _catalog(theme: Path) -> dict[str, str]:
    with (theme / "locale" / "id.po").open("rb") as fh:
        catalog = read_po(fh)
    out = {}
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for i, msgid in enumerate(ids):
            out[msgid] = strings[min(i, len(strings) - 1)]
    return out


@pytest.mark.parametrize("theme", sorted(p.name for p in THEMES.iterdir() if (p / "locale" / "id.po").is_file()))
def test_every_theme_text_is_translated_and_every_translation_used(theme):
    folder = THEMES / theme
    used = _extracted(folder)
    catalog = _catalog(folder)
    untranslated = sorted(m for m in used if not catalog.get(m))
    stale = sorted(set(catalog) - used)
    assert untranslated == [], f"add to themes/{theme}/locale/id.po: {untranslated}"
    assert stale == [], f"no template uses: {stale}"
