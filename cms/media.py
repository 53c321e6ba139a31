"""Uploaded media that Django serves itself (TAPESTRY_SERVE_MEDIA, or DEBUG): public images only.

Documents are uploaded under MEDIA_ROOT too, but a document may be in a collection restricted to
logged-in users, groups or a password, and only Wagtail's document view
(/documents/<id>/<filename>) checks that. So the raw media route serves nothing but the folders
Wagtail writes images into, and decides on the file the path really names once normalised and
with symlinks resolved (`//`, `.`, `..`, `%2e`, a symlink out of a public folder), never on the
URL as written.
"""

from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.views.static import serve

# The folders of MEDIA_ROOT anyone may read: Wagtail's original images and their renditions, and
# the admin's user avatars (random names). Documents ("documents/") are never among them.
PUBLIC_MEDIA_FOLDERS = ("original_images", "images", "avatar_images")


def media_serving_enabled() -> bool:
    """Whether Django serves uploaded images itself, decided per request from the settings."""
    return settings.DEBUG or settings.TAPESTRY_SERVE_MEDIA


def public_media_file(root: Path, path: str) -> Path | None:
    """The file of a public folder of `root` that `path` names, or None when it names anything
    else (a document, a folder, a file outside `root`, or nothing)."""
    try:
        root = Path(root).resolve()
        target = (root / path).resolve()
        folders = [(root / folder).resolve() for folder in PUBLIC_MEDIA_FOLDERS]
        public = any(target.is_relative_to(folder) for folder in folders)
        return target if public and target.is_file() else None
    except (OSError, ValueError):  # a NUL byte, a name too long, a symlink loop
        return None


def media_serve(request, path: str):
    """Serve a public image from MEDIA_ROOT; 404 for everything else, documents included."""
    if not media_serving_enabled():
        raise Http404("Uploaded media are not served here.")
    root = Path(settings.MEDIA_ROOT).resolve()
    target = public_media_file(root, path)
    if target is None:
        raise Http404("Not a public media file.")
    return serve(request, target.relative_to(root).as_posix(), document_root=root)
