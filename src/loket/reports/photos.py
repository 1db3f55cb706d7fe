"""Photos of reports: checked by their content, turned upright, resized and re-encoded
without any metadata, so that no EXIF (camera, time, GPS position) is ever stored.

The GPS position found in the original is returned separately: the portal proposes it as
the report's location when the resident dropped no pin.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

try:  # HEIC/HEIF (iPhone photos) when the optional `heic` extra is installed.
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIF_SUPPORTED = True
except ImportError:  # pragma: no cover - depends on the installation
    HEIF_SUPPORTED = False

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 60_000_000
MAX_SIDE = 1600
JPEG_QUALITY = 82
MAX_PHOTOS_PER_REPORT = 5
ACCEPTED_FORMATS = frozenset(
    {"JPEG", "MPO", "PNG", "WEBP"} | ({"HEIF"} if HEIF_SUPPORTED else set())
)
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp" + (
    ",image/heic,image/heif" if HEIF_SUPPORTED else ""
)


@dataclass(frozen=True)
class PreparedPhoto:
    content: bytes
    width: int
    height: int
    gps_latitude: float | None = None
    gps_longitude: float | None = None

    @property
    def has_gps(self) -> bool:
        return self.gps_latitude is not None and self.gps_longitude is not None


def _rational(value: Any) -> float:
    if isinstance(value, tuple):
        numerator, denominator = value
        return float(numerator) / float(denominator) if denominator else 0.0
    return float(value)


def _degrees(values: Any, reference: Any) -> float | None:
    try:
        degrees, minutes, seconds = (_rational(part) for part in values)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    result = degrees + minutes / 60 + seconds / 3600
    if isinstance(reference, bytes):
        reference = reference.decode("ascii", "ignore")
    if str(reference).strip().upper() in {"S", "W"}:
        result = -result
    return result


def photo_gps(image: Image.Image) -> tuple[float, float] | None:
    """(latitude, longitude) from the image's EXIF GPS block, if it holds a usable one."""
    try:
        gps = image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    except Exception:
        return None
    if not gps:
        return None
    latitude = _degrees(gps.get(ExifTags.GPS.GPSLatitude), gps.get(ExifTags.GPS.GPSLatitudeRef))
    longitude = _degrees(gps.get(ExifTags.GPS.GPSLongitude), gps.get(ExifTags.GPS.GPSLongitudeRef))
    if latitude is None or longitude is None:
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (latitude, longitude) == (0, 0):
        return None
    return round(latitude, 7), round(longitude, 7)


def _open(stream: IO[bytes]) -> Image.Image:
    try:
        image = Image.open(stream)
        image_format = image.format or ""
        if image_format not in ACCEPTED_FORMATS:
            raise ValidationError(
                _("This file is not a photo we can read. Send a JPEG, PNG, WebP or HEIC image."),
                code="photo_format",
            )
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("This photo is too large."), code="photo_too_large")
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as error:
        raise ValidationError(
            _("This file is not a photo we can read. Send a JPEG, PNG, WebP or HEIC image."),
            code="photo_format",
        ) from error
    return image


def photo_prepare(upload: IO[bytes], *, size: int | None = None) -> PreparedPhoto:
    """Validate and clean one uploaded photo. Raises ValidationError for anything that is
    not a readable photo of an accepted format."""
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("A photo may be at most %(megabytes)d MB.")
            % {"megabytes": MAX_UPLOAD_BYTES // 2**20},
            code="photo_too_large",
        )
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("A photo may be at most %(megabytes)d MB.")
            % {"megabytes": MAX_UPLOAD_BYTES // 2**20},
            code="photo_too_large",
        )
    image = _open(io.BytesIO(data))
    gps = photo_gps(image)
    upright = ImageOps.exif_transpose(image)
    if upright.mode in {"RGBA", "LA", "P", "PA"}:
        rgba = upright.convert("RGBA")
        flattened = Image.new("RGB", rgba.size, (255, 255, 255))
        flattened.paste(rgba, mask=rgba.getchannel("A"))
        upright = flattened
    elif upright.mode != "RGB":
        upright = upright.convert("RGB")
    upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # A fresh image holds pixels only: no EXIF, XMP, ICC profile or comments survive.
    clean = Image.new("RGB", upright.size)
    clean.paste(upright)
    output = io.BytesIO()
    clean.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return PreparedPhoto(
        content=output.getvalue(),
        width=clean.width,
        height=clean.height,
        gps_latitude=gps[0] if gps else None,
        gps_longitude=gps[1] if gps else None,
    )
