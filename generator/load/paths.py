"""Find a seller's photo files: by the names a product lists, or by the product file's name."""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".heif", ".tif", ".tiff", ".bmp"}
DRAWING_SUFFIXES = {".svg", ".svgz"}  # drawings, not photos: never published (they can carry script)
PHOTO_FOLDERS = ("photos", "foto", "photo", "gambar")
SUGGEST_LIMIT = 500


def natural_key(name: str) -> tuple:
    """`kain-2` before `kain-10`, case-insensitively."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name.lower()))


class PhotoIndex:
    """The image files of one seller's photo folder, looked up forgivingly."""

    def __init__(self, seller_dir: Path):
        self.seller_dir = seller_dir
        self.folder = next((f for f in PHOTO_FOLDERS if (seller_dir / f).is_dir()), "photos")
        self.outside: list[str] = []  # paths (relative to the seller) that lead out of the folder
        root = seller_dir / self.folder
        names: list[str] = []
        links: list[str] = []
        self._drawings: dict[str, str] = {}  # lower-case name and stem → an SVG file's name
        if root.is_dir() and escapes_folder(root, seller_dir):
            self.outside.append(self.folder)
        elif root.is_dir():
            with os.scandir(root) as entries:
                for entry in entries:
                    suffix = Path(entry.name).suffix.lower()
                    if suffix in DRAWING_SUFFIXES and not entry.name.startswith("."):
                        self._drawings.setdefault(entry.name.lower(), entry.name)
                        self._drawings.setdefault(Path(entry.name).stem.lower(), entry.name)
                    if suffix not in IMAGE_SUFFIXES or entry.name.startswith("."):
                        continue
                    if entry.is_symlink() and escapes_folder(Path(entry.path), seller_dir):
                        self.outside.append(self.rel(entry.name))
                        links.append(entry.name)  # findable by name, so a product naming it hears why
                    else:
                        names.append(entry.name)
        self.outside.sort()
        self.names = sorted(names, key=lambda n: natural_key(Path(n).stem) + (Path(n).suffix.lower(),))
        self._lower = {n.lower(): n for n in self.names + sorted(links)}
        self._stems: dict[str, str] = {}
        for n in self.names + sorted(links):
            self._stems.setdefault(Path(n).stem.lower(), n)

    def rel(self, name: str) -> str:
        return f"{self.folder}/{name}"

    def find(self, written: str) -> str | None:
        """Seller's file name → actual file name in the folder (case and extension forgiven)."""
        name = PurePosixPath(written.replace("\\", "/"))
        if len(name.parts) > 1 and name.parts[0].lower() in PHOTO_FOLDERS:
            name = PurePosixPath(*name.parts[1:])
        key = str(name).lower()
        if key in self._lower:
            return self._lower[key]
        if len(name.parts) != 1:
            return None
        stem = name.stem.lower() if name.suffix.lower() in IMAGE_SUFFIXES else key
        return self._stems.get(stem)

    def drawing(self, written: str) -> str | None:
        """The SVG file a name that found no photo means (`logo.svg`, or `logo` beside a
        `logo.svg`), to say why it is not used rather than that it is missing."""
        name = PurePosixPath(written.replace("\\", "/"))
        if len(name.parts) > 1 and name.parts[0].lower() in PHOTO_FOLDERS:
            name = PurePosixPath(*name.parts[1:])
        key = str(name).lower()
        if key in self._drawings:
            return self._drawings[key]
        return self._drawings.get(name.stem.lower()) if name.suffix.lower() in DRAWING_SUFFIXES else None

    def suggest(self, written: str) -> str | None:
        """The nearest file name, for "did you mean …?"."""
        key = written.lower()
        # difflib is slow: in a folder of thousands of photos compare only names of about the same length.
        candidates = [n for n in self._lower if abs(len(n) - len(key)) <= 4][:SUGGEST_LIMIT]
        import difflib  # only for a photo that is missing

        close = difflib.get_close_matches(key, candidates, n=1, cutoff=0.5)
        return self._lower[close[0]] if close else None


def unsafe_path(written: str) -> bool:
    """Absolute paths and `..` could reach files outside the seller's folder."""
    s = written.replace("\\", "/")
    return s.startswith("/") or bool(re.match(r"^[A-Za-z]:", s)) or ".." in PurePosixPath(s).parts


def escapes_folder(path: Path, folder: Path) -> bool:
    """True when `path` (after following symlinks) lies outside `folder`."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return True
    return False


def match_by_prefix(stems: list[str], photo_names: list[str]) -> dict[str, list[str]]:
    """Give each photo to the product whose file name is the longest prefix of the photo's.

    `kain-indigo-2.jpg` goes to `kain-indigo`, not to `kain`, when both products exist.
    """
    by_lower = {s.lower(): s for s in stems}
    result: dict[str, list[str]] = {s: [] for s in stems}
    for name in photo_names:
        photo_stem = Path(name).stem.lower()
        # Longest prefix first, looked up in a dict: thousands of photos × thousands of products
        # stay linear instead of multiplying.
        for length in range(len(photo_stem), 0, -1):
            stem = by_lower.get(photo_stem[:length])
            if stem is not None and _prefix_match(photo_stem[:length], photo_stem):
                result[stem].append(name)
                break
    return result


def _prefix_match(prefix: str, photo_stem: str) -> bool:
    if not photo_stem.startswith(prefix) or not prefix:
        return False
    rest = photo_stem[len(prefix) :]
    return rest == "" or not rest[0].isalnum() or prefix[-1] in "-_ " or rest[0].isdigit()
