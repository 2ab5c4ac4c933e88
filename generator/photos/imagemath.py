"""Size arithmetic of the photo pipeline: small pure functions, no Pillow, no files.

Rendering and encoding both call these, so the widths and heights a page announces are
exactly the ones the encoder writes.
"""

from __future__ import annotations

# EXIF orientations 5–8 turn the picture a quarter: width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}


def oriented_size(width: int, height: int, orientation: int | None) -> tuple[int, int]:
    """Size of the picture once turned upright by its EXIF orientation."""
    return (height, width) if orientation in QUARTER_TURNS else (width, height)


def target_widths(source_width: int, widths: tuple[int, ...]) -> tuple[int, ...]:
    """The widths to publish for a source: the settings' widths below it, never upscaled.

    A source narrower than the largest width is also published at its own width, so the
    sharpest available version is offered: 800 → (320, 640, 800); 200 → (200,).
    """
    top = min(source_width, max(widths))
    return tuple(w for w in sorted(widths) if w < top) + (top,)


def scaled_height(width: int, height: int, new_width: int) -> int:
    """Height that keeps the aspect ratio at `new_width` (at least 1 pixel)."""
    return max(1, round(height * new_width / width))


def fallback_width(widths: tuple[int, ...], wanted: int) -> int:
    """The published width nearest to `wanted` (not above it when a smaller one exists)."""
    below = [w for w in widths if w <= wanted]
    return max(below) if below else min(widths)


def draft_size(raw_width: int, raw_height: int, orientation: int | None, need_width: int) -> tuple[int, int]:
    """Size to ask a JPEG decoder for (before rotation) so the upright picture is ≥ `need_width` wide.

    libjpeg can decode at 1/2, 1/4 or 1/8 scale almost for free; Pillow's `draft()` picks the
    smallest scale that still gives at least this size.
    """
    up_w, up_h = oriented_size(raw_width, raw_height, orientation)
    need_w = min(need_width, up_w)
    need_h = scaled_height(up_w, up_h, need_w)
    return (need_h, need_w) if orientation in QUARTER_TURNS else (need_w, need_h)


def cover_box(width: int, height: int, target_w: int, target_h: int) -> tuple[int, int, int, int]:
    """The largest centred box of the target's aspect ratio inside width × height (a crop box)."""
    if width * target_h > height * target_w:  # wider than the target: trim the sides
        w = max(1, round(height * target_w / target_h))
        left = (width - w) // 2
        return (left, 0, left + w, height)
    h = max(1, round(width * target_h / target_w))
    top = (height - h) // 2
    return (0, top, width, top + h)


def contain_size(width: int, height: int, box: int) -> tuple[int, int]:
    """Size of width × height scaled to fit inside a box × box square (logos on icons)."""
    scale = box / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def srcset(entries: tuple[tuple[str, int], ...]) -> str:
    """`a-320.webp 320w, a-640.webp 640w` from (url, width) pairs."""
    return ", ".join(f"{url} {w}w" for url, w in entries)
