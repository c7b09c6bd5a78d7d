"""How a big JPEG becomes a card (issue #4): drafted by libjpeg, then scaled strip by strip on a helper thread
while the decoder is still working. No timings here (the bench measures them); these check the state: the
draft was used, strips really started before the decoder finished, the card is the same picture the plain
way gives (every EXIF orientation, 'cover' crops), and broken files or a failing strip machinery still end
as before (a reason, or the plain way)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from PIL import Image, ImageChops

import kiosk.content.image_decode as image_decode
from kiosk.content.image_decode import DecodedImage, Fit, ImageProblem, decode_image

ORIENTATIONS = range(1, 9)


def write_photo(path: Path, size: tuple[int, int] = (3000, 2000), orientation: int = 1) -> Path:
    """A JPEG with a red left third and a blue rest (as stored), soft detail over it, EXIF orientation."""
    picture = Image.new("RGB", size, (20, 40, 220))
    picture.paste((220, 30, 30), (0, 0, size[0] // 3, size[1]))
    detail = Image.effect_noise((size[0] // 20, size[1] // 20), 40).convert("RGB").resize(size)
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.blend(picture, detail, 0.15).save(path, quality=88, exif=exif.tobytes())
    return path


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("photos")
    return {orientation: write_photo(folder / f"o{orientation}.jpg", orientation=orientation)
            for orientation in ORIENTATIONS}


@pytest.fixture
def scalers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every strip scaler that finished, to look at afterwards."""
    seen: list[Any] = []
    original = image_decode._StripScaler.finish

    def finish(self: Any) -> bytearray:
        seen.append(self)
        result: bytearray = original(self)
        return result

    monkeypatch.setattr(image_decode._StripScaler, "finish", finish)
    yield seen


def plain(path: Path, box: tuple[int, int], fit: Fit = "contain") -> DecodedImage:
    """The same decode with strip scaling switched off (decode, orient, crop, one resize)."""
    saved = image_decode.STRIP_SCALING_MIN_PIXELS
    image_decode.STRIP_SCALING_MIN_PIXELS = 10**12
    try:
        return decode_image(path, box, fit)
    finally:
        image_decode.STRIP_SCALING_MIN_PIXELS = saved


def picture(decoded: DecodedImage) -> Image.Image:
    return Image.frombytes(decoded.mode, decoded.size, bytes(decoded.data)).convert("RGB")


def largest_difference(a: DecodedImage, b: DecodedImage, border: int = 0) -> int:
    assert a.size == b.size
    width, height = a.size
    diff = ImageChops.difference(picture(a), picture(b)).crop((border, border, width - border, height - border))
    return max(int(cast(tuple[int, int], band.getextrema())[1]) for band in diff.split())


def test_a_big_jpeg_is_drafted_and_scaled_while_it_decodes(tmp_path: Path, scalers: list[Any]) -> None:
    path = write_photo(tmp_path / "big.jpg", (4000, 3000))
    decoded = decode_image(path, (1920, 1280))
    assert decoded.size == (1707, 1280) and decoded.mode == "RGBX"
    assert len(decoded.data) == 1707 * 1280 * 4
    assert len(scalers) == 1
    scaler = scalers[0]
    assert scaler.core.size == (2000, 1500)  # libjpeg's 1/2 DCT scaling did most of the shrinking
    assert scaler.resample == image_decode.DOWNSCALE_FILTER
    assert scaler.early_strips > 0  # strips were started while the decoder was still running
    assert largest_difference(decoded, plain(path, (1920, 1280))) <= 2


def test_small_pictures_take_the_plain_way(tmp_path: Path, scalers: list[Any]) -> None:
    path = write_photo(tmp_path / "small.jpg", (1200, 800))
    assert decode_image(path, (600, 400)).size == (600, 400)
    assert scalers == []


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_every_exif_orientation_shows_the_same_card_as_the_plain_way(
        photos: dict[int, Path], scalers: list[Any], orientation: int) -> None:
    cases: list[tuple[tuple[int, int], Fit]] = [((2000, 2000), "contain"), ((1600, 900), "cover")]
    for box, fit in cases:  # (the drafted sources stay over 2 MP: strip scaling)
        decoded = decode_image(photos[orientation], box, fit)
        expected = plain(photos[orientation], box, fit)
        assert decoded.size == expected.size
        # 'cover' scales a box of the source instead of a cropped copy: the outermost 2 pixels may differ
        assert largest_difference(decoded, expected, border=2) <= 3, (orientation, box, fit)
    assert len(scalers) == 2


def test_an_upright_photo_turned_by_exif_has_its_red_third_on_top(photos: dict[int, Path]) -> None:
    card = picture(decode_image(photos[6], (1400, 2100)))  # 6: shown turned 90° clockwise
    assert card.size == (1400, 2100)
    red, blue = card.getpixel((700, 300)), card.getpixel((700, 1800))
    assert isinstance(red, tuple) and isinstance(blue, tuple)
    assert red[0] > 150 and red[2] < 100
    assert blue[2] > 150 and blue[0] < 100


def test_a_cut_off_big_jpeg_still_says_so_and_the_next_one_decodes(tmp_path: Path, scalers: list[Any]) -> None:
    whole = write_photo(tmp_path / "whole.jpg", (3000, 2000)).read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole[: len(whole) * 6 // 10])
    with pytest.raises(ImageProblem, match="cut off"):
        decode_image(cut, (1920, 1280))
    assert scalers == []  # the decoder failed first: no card was finished
    assert decode_image(tmp_path / "whole.jpg", (1920, 1280)).size == (1920, 1280)


def test_a_failing_strip_falls_back_to_the_plain_way(photos: dict[int, Path],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Any, top: int, bottom: int) -> None:
        raise RuntimeError("a Pillow internal changed")

    monkeypatch.setattr(image_decode._StripScaler, "_scale", broken)
    decoded = decode_image(photos[1], (1920, 1280))
    assert decoded.size == (1920, 1280)
    assert largest_difference(decoded, plain(photos[1], (1920, 1280))) == 0


def test_without_a_readable_decoding_progress_the_strips_wait_for_the_decoder(
        photos: dict[int, Path], monkeypatch: pytest.MonkeyPatch, scalers: list[Any]) -> None:
    monkeypatch.setattr(image_decode, "_padding_bytes", lambda core, top, bottom: b"\xff" * (bottom - top))
    decoded = decode_image(photos[1], (1920, 1280))
    assert scalers and scalers[0].early_strips == 0  # the memory did not look fresh: no guessing
    assert largest_difference(decoded, plain(photos[1], (1920, 1280))) <= 2
