"""Photos: checked by content, upright, resized, and stored without any metadata."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from loket.reports.photos import HEIF_SUPPORTED, MAX_SIDE, photo_prepare
from tests.reports.conftest import jpeg_bytes


def _read(content: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


def test_gps_is_read_and_every_exif_tag_is_removed() -> None:
    original = jpeg_bytes(gps=(50.79622, 3.12296))
    assert Image.open(io.BytesIO(original)).getexif()  # the test photo does carry EXIF

    prepared = photo_prepare(io.BytesIO(original))

    assert prepared.gps_latitude == pytest.approx(50.79622, abs=1e-5)
    assert prepared.gps_longitude == pytest.approx(3.12296, abs=1e-5)
    stored = _read(prepared.content)
    assert stored.format == "JPEG"
    assert dict(stored.getexif()) == {}
    assert "exif" not in stored.info
    assert "xmp" not in stored.info
    assert b"Exif" not in prepared.content
    assert b"TestCam" not in prepared.content


def test_a_photo_without_gps_proposes_no_location() -> None:
    prepared = photo_prepare(io.BytesIO(jpeg_bytes()))
    assert prepared.has_gps is False


def test_orientation_is_applied_to_the_pixels() -> None:
    # Orientation 6: the camera was turned; the upright photo is taller than wide.
    prepared = photo_prepare(io.BytesIO(jpeg_bytes(size=(80, 40), orientation=6)))
    assert (prepared.width, prepared.height) == (40, 80)
    assert dict(_read(prepared.content).getexif()) == {}


def test_large_photos_are_resized() -> None:
    prepared = photo_prepare(io.BytesIO(jpeg_bytes(size=(4000, 3000))))
    assert (prepared.width, prepared.height) == (MAX_SIDE, 1200)


def test_png_with_transparency_is_stored_as_jpeg() -> None:
    image = Image.new("RGBA", (30, 20), (0, 0, 0, 0))
    image.info["Comment"] = "secret"
    output = io.BytesIO()
    image.save(output, "PNG")
    prepared = photo_prepare(io.BytesIO(output.getvalue()))
    stored = _read(prepared.content)
    assert stored.format == "JPEG"
    assert stored.getpixel((0, 0)) == (255, 255, 255)


def test_webp_is_accepted() -> None:
    output = io.BytesIO()
    Image.new("RGB", (10, 10), (0, 128, 0)).save(output, "WEBP")
    assert _read(photo_prepare(io.BytesIO(output.getvalue())).content).format == "JPEG"


@pytest.mark.skipif(not HEIF_SUPPORTED, reason="pillow-heif is not installed")
def test_heic_is_accepted_when_the_library_is_installed() -> None:
    output = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 20, 30)).save(output, "HEIF")
    prepared = photo_prepare(io.BytesIO(output.getvalue()))
    assert _read(prepared.content).format == "JPEG"


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name() -> None:
    with pytest.raises(ValidationError) as error:
        photo_prepare(io.BytesIO(b"<html>not a photo</html>"))
    assert error.value.code == "photo_format"


def test_a_gif_is_refused() -> None:
    output = io.BytesIO()
    Image.new("P", (5, 5)).save(output, "GIF")
    with pytest.raises(ValidationError):
        photo_prepare(io.BytesIO(output.getvalue()))


def test_an_oversized_upload_is_refused_before_reading_it() -> None:
    with pytest.raises(ValidationError) as error:
        photo_prepare(io.BytesIO(b""), size=16 * 1024 * 1024)
    assert error.value.code == "photo_too_large"
