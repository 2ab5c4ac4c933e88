"""The photo pipeline's size arithmetic (pure functions)."""

from __future__ import annotations

from generator.photos.imagemath import (
    contain_size,
    cover_box,
    draft_size,
    fallback_width,
    oriented_size,
    scaled_height,
    srcset,
    target_widths,
)

WIDTHS = (320, 640, 960)


def test_widths_are_never_upscaled_and_the_source_width_tops_them():
    assert target_widths(4000, WIDTHS) == (320, 640, 960)
    assert target_widths(960, WIDTHS) == (320, 640, 960)
    assert target_widths(800, WIDTHS) == (320, 640, 800)
    assert target_widths(320, WIDTHS) == (320,)
    assert target_widths(200, WIDTHS) == (200,)


def test_orientation_and_heights():
    assert oriented_size(4000, 3000, 6) == (3000, 4000)
    assert oriented_size(4000, 3000, 8) == (3000, 4000)
    assert oriented_size(4000, 3000, 3) == (4000, 3000)
    assert oriented_size(4000, 3000, None) == (4000, 3000)
    assert scaled_height(4000, 3000, 640) == 480
    assert scaled_height(3000, 4000, 320) == 427
    assert scaled_height(10000, 10, 320) == 1  # never 0 pixels


def test_draft_size_asks_for_the_upright_width_in_raw_axes():
    assert draft_size(4000, 3000, 1, 960) == (960, 720)
    assert draft_size(4000, 3000, 6, 960) == (1280, 960)  # portrait: 960 wide upright = raw height 960
    assert draft_size(500, 400, 1, 960) == (500, 400)  # small: the whole picture


def test_fallback_and_crop_boxes():
    assert fallback_width((320, 640, 960), 640) == 640
    assert fallback_width((320, 540), 640) == 540
    assert fallback_width((200,), 640) == 200
    assert cover_box(1000, 750, 1200, 630) == (0, 112, 1000, 637)  # 4:3 → centre band
    assert cover_box(750, 1000, 1200, 630) == (0, 303, 750, 697)
    assert cover_box(3000, 500, 1200, 630) == (1024, 0, 1976, 500)  # a panorama: trim the sides
    assert contain_size(400, 300, 512) == (512, 384)
    assert contain_size(300, 400, 32) == (24, 32)


def test_srcset_text():
    assert srcset((("a-320.webp", 320), ("a-640.webp", 640))) == "a-320.webp 320w, a-640.webp 640w"
