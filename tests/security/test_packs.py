"""Content packs (kiosk/packs.py, `pack` / `install-pack`): installed whole or refused, never half.

A changed byte, a cut-off copy, links, devices, `..`, absolute names, stray or missing files and content that
fails `check` are refused with one line and exit 1; the live content folder stays byte-identical and an app
started on it shows the old content. The previous content is kept for `--rollback`.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import tarfile
import time
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.packs import GZIP_HEADER, Installer, PackError, build_pack, sha256_of
from tests.security.conftest import REAL_CONTENT, SCENES, kiosk_yaml, tree_bytes

MARKER = "Проверочный заголовок пакета"


class Site:
    """A kiosk whose content folder lives under var/ (as the packs need), and a source folder to pack."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir()
        self.src = root / "src"
        shutil.copytree(REAL_CONTENT, self.src)
        self.live = root / "var" / "content"
        self.config = kiosk_yaml(root, self.live)

    def cli(self, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
        code = main([argv[0], "--config", str(self.config), *argv[1:]])
        out, err = capsys.readouterr()
        return code, out, err

    def leftovers(self) -> list[str]:
        return sorted(p.name for p in self.live.parent.iterdir() if p.name.startswith(".content."))


@pytest.fixture
def site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Site:
    """The site with pack A (the real content) installed."""
    site = Site(tmp_path / "site")
    code, out, err = site.cli(capsys, "pack", "--content", str(site.src), "--out", str(tmp_path / "a.tar.gz"))
    assert code == 0 and out.startswith(f"pack written: {tmp_path / 'a.tar.gz'} ("), err
    code, out, err = site.cli(capsys, "install-pack", str(tmp_path / "a.tar.gz"))
    assert code == 0 and out.startswith("installed a.tar.gz: "), err
    return site


def make_pack_b(site: Site, out: Path) -> Path:
    ui = site.src / "ui.yaml"
    text = ui.read_text(encoding="utf-8")
    ui.write_text(text + f"\nsecurity_probe: {{ru: {MARKER}, en: Pack probe}}\n", encoding="utf-8")
    build_pack(site.src, out)
    ui.write_text(text, encoding="utf-8")
    return out


def test_installed_pack_is_byte_identical_and_private(site: Site) -> None:
    assert tree_bytes(site.live) == tree_bytes(site.src)
    assert all((p.stat().st_mode & 0o777) == (0o700 if p.is_dir() else 0o600) for p in site.live.rglob("*"))
    assert (site.live.stat().st_mode & 0o777) == 0o700
    assert site.leftovers() == [] and not (site.root / "var" / "packs" / "previous").exists()


def test_second_pack_keeps_the_previous_and_rollback_toggles(site: Site, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    original = tree_bytes(site.src)
    pack_b = make_pack_b(site, tmp_path / "b.tar.gz")
    assert site.cli(capsys, "install-pack", str(pack_b))[0] == 0
    newer = tree_bytes(site.live)
    assert MARKER.encode() in newer["ui.yaml"] and newer != original
    previous = site.root / "var" / "packs" / "previous"
    assert tree_bytes(previous) == original
    code, out, _ = site.cli(capsys, "install-pack", "--rollback")
    assert code == 0 and out.startswith("rolled back: ")
    assert tree_bytes(site.live) == original and tree_bytes(previous) == newer
    assert site.cli(capsys, "install-pack", "--rollback")[0] == 0
    assert tree_bytes(site.live) == newer
    history = (site.root / "var" / "packs" / "history.log").read_text().splitlines()
    assert [line.split(" ", 2)[2] for line in history] == [
        "installed a.tar.gz (93 files)".replace("93", str(len(original))),
        f"installed b.tar.gz ({len(original)} files)", "rolled back to the previous content",
        "rolled back to the previous content"]


def flipped(pack: Path, position: int, out: Path) -> Path:
    data = bytearray(pack.read_bytes())
    data[position % len(data)] ^= 0x20
    out.write_bytes(bytes(data))
    return out


def assert_refused(site: Site, capsys: pytest.CaptureFixture[str], pack: Path, before: dict[str, bytes],
                   says: str) -> None:
    code, out, err = site.cli(capsys, "install-pack", str(pack))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"install-pack: refused: {pack}: "), err
    assert says in lines[0] and lines[0].endswith("; the running content is unchanged")
    assert tree_bytes(site.live) == before
    assert site.leftovers() == []


CHANGED_BYTES = [(4, "not a content pack"),   # gzip header: mtime (no checksum covers it)
                 (9, "not a content pack"),   # gzip header: OS byte
                 (200, "damaged"), (0.5, "damaged"),  # compressed data
                 (-6, "damaged"), (-1, "damaged")]    # trailer: CRC-32 and length


def test_one_changed_byte_is_refused_and_the_content_untouched(site: Site, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_bytes(site.live)
    pack_b = make_pack_b(site, tmp_path / "b.tar.gz")
    for where, says in CHANGED_BYTES:
        position = int(where * pack_b.stat().st_size) if isinstance(where, float) else where
        assert_refused(site, capsys, flipped(pack_b, position, tmp_path / f"t{position}.tar.gz"), before, says)


def test_truncated_pack_is_refused(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_bytes(site.live)
    data = make_pack_b(site, tmp_path / "b.tar.gz").read_bytes()
    for cut in [0, 10, len(data) // 2, len(data) - 1]:
        (tmp_path / f"cut{cut}.tar.gz").write_bytes(data[:cut])
        says = "cut off" if cut >= len(GZIP_HEADER) else "not a content pack"
        assert_refused(site, capsys, tmp_path / f"cut{cut}.tar.gz", before, says)


def test_after_a_refused_pack_the_app_shows_the_old_content(site: Site, tmp_path: Path, make_app,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    pack_b = make_pack_b(site, tmp_path / "b.tar.gz")
    tampered = flipped(pack_b, pack_b.stat().st_size // 3, tmp_path / "t.tar.gz")
    assert site.cli(capsys, "install-pack", str(tampered))[0] == 1
    app = make_app(scenes=SCENES, home="timeline", content=site.live)
    app.advance(0.5)
    assert app.content.source == "content" and app.content.root == site.live
    assert "security_probe" not in (site.live / "ui.yaml").read_text(encoding="utf-8")
    assert app.scene_name() == "timeline" and app.content.get("timeline.yaml") is not None


def test_a_running_kiosk_picks_up_an_installed_pack(site: Site, tmp_path: Path, make_app,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    app = make_app(scenes=SCENES, home="timeline", content=site.live, watch_content=True)
    app.advance(0.1)
    assert app.i18n.t("security_probe") != MARKER
    assert site.cli(capsys, "install-pack", str(make_pack_b(site, tmp_path / "b.tar.gz")))[0] == 0
    deadline = time.monotonic() + 15
    while app.i18n.t("security_probe") != MARKER and time.monotonic() < deadline:
        time.sleep(0.1)
        app.advance(0.05)
    assert app.i18n.t("security_probe") == MARKER


def test_content_that_fails_check_is_refused_with_located_lines(site: Site, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_bytes(site.live)
    timeline = site.src / "timeline.yaml"
    timeline.write_text(timeline.read_text(encoding="utf-8").replace(
        "link: https://www.mos.ru/", "link: https://evil.example/", 1), encoding="utf-8")
    build_pack(site.src, tmp_path / "evil.tar.gz")  # made without `pack`, which would refuse it
    code, out, err = site.cli(capsys, "install-pack", str(tmp_path / "evil.tar.gz"))
    lines = err.splitlines()
    assert code == 1 and out == ""
    assert lines[0].startswith("evil.tar.gz:content/timeline.yaml:")
    assert ": error: link to 'evil.example', which is not an allowed host" in lines[0]
    assert lines[-1].startswith("install-pack: refused: ") and "fails check (1 error)" in lines[-1]
    assert tree_bytes(site.live) == before and site.leftovers() == []
    code, _, err = site.cli(capsys, "pack", "--content", str(site.src), "--out", str(tmp_path / "x.tar.gz"))
    assert code == 1 and "pack: refused: the content fails check (1 error)" in err
    assert not (tmp_path / "x.tar.gz").exists()


def test_pack_refuses_links_and_writing_into_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = Site(tmp_path / "site")
    os.symlink("/etc/hostname", site.src / "images" / "host.png")
    code, _, err = site.cli(capsys, "pack", "--content", str(site.src), "--out", str(tmp_path / "a.tar.gz"))
    assert code == 1 and "is a link" in err and not (tmp_path / "a.tar.gz").exists()
    (site.src / "images" / "host.png").unlink()
    os.symlink(tmp_path, site.src / "more")
    with pytest.raises(PackError, match="is a link"):
        build_pack(site.src, tmp_path / "a.tar.gz")
    (site.src / "more").unlink()
    with pytest.raises(PackError, match="inside the content folder"):
        build_pack(site.src, site.src / "self.tar.gz")


def test_rollback_without_a_previous_and_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = Site(tmp_path / "site")
    code, _, err = site.cli(capsys, "install-pack", "--rollback")
    assert code == 1 and "no previous content" in err and err.count("\n") == 1
    assert site.cli(capsys, "install-pack")[0] == 2


# ------------------------------------------------------------------- every byte; hand-made archives

def small_folder(root: Path) -> Path:
    (root / "images").mkdir(parents=True)
    (root / "ui.yaml").write_text("back: {ru: Назад, en: Back}\n", encoding="utf-8")
    (root / "images" / "a.png").write_bytes(bytes(range(256)) * 2)
    return root


def test_every_single_byte_change_is_refused_or_changes_nothing_installed(tmp_path: Path) -> None:
    """Deflate has several encodings of the same bytes (padding bits, equivalent back-references), so a few
    flips decode to exactly what was packed: those install the very same files. Everything else is refused."""
    source = small_folder(tmp_path / "src")
    pack = tmp_path / "small.tar.gz"
    build_pack(source, pack)
    data = pack.read_bytes()
    installer = Installer(tmp_path / "var" / "content", tmp_path / "var" / "packs")
    accepted = []
    for position in range(len(data)):
        changed = bytearray(data)
        changed[position] ^= 0x01 if position % 2 else 0x80
        (tmp_path / "t.tar.gz").write_bytes(bytes(changed))
        try:
            installer.install(tmp_path / "t.tar.gz", lambda folder: [], 1 << 20)
        except PackError:
            continue
        accepted.append(position)
        assert tree_bytes(installer.target) == tree_bytes(source), position
        shutil.rmtree(installer.target)
    assert len(accepted) <= len(data) // 100, accepted
    assert all(position >= len(GZIP_HEADER) for position in accepted)  # the header is compared byte for byte


def craft(path: Path, members: list[tuple[tarfile.TarInfo, bytes]], manifest: dict[str, Any] | None = None,
          manifest_sum: str | None = None, tail: bytes = b"") -> Path:
    """A pack written by hand, with the exact gzip header `pack` uses, so it reaches the member checks."""
    files = {info.name.removeprefix("content/"): data for info, data in members
             if info.isreg() and info.name.startswith("content/")}
    manifest = manifest if manifest is not None else {
        "format": "runet30-content-pack", "version": 1,
        "files": {name: {"size": len(data), "sha256": sha256_of(data)} for name, data in files.items()}}
    manifest_bytes = json.dumps(manifest).encode()
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        head = [(regular("manifest.json", manifest_bytes), manifest_bytes)]
        checksum = (manifest_sum or sha256_of(manifest_bytes)).encode() + b"  manifest.json\n"
        head.append((regular("manifest.json.sha256", checksum), checksum))
        for info, data in head + members:
            tar.addfile(info, io.BytesIO(data) if info.isreg() else None)
    path.write_bytes(raw.getvalue() + tail)
    return path


def regular(name: str, data: bytes) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info


def special(name: str, kind: bytes, target: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info


UI = b"back: {ru: x, en: y}\n"
OK = (regular("content/ui.yaml", UI), UI)
CASES = {
    "absolute": ([OK, (regular("/tmp/runet30-evil", b"x"), b"x")], "is an absolute path"),
    "dotdot": ([OK, (regular("content/../../runet30-evil", b"x"), b"x")], "leads out of the folder"),
    "symlink": ([OK, (special("content/images/x.png", tarfile.SYMTYPE, "/etc/passwd"), b"")], "is a link"),
    "hardlink": ([OK, (special("content/x.yaml", tarfile.LNKTYPE, "content/ui.yaml"), b"")], "is a link"),
    "device": ([OK, (special("content/dev", tarfile.CHRTYPE), b"")], "is a device"),
    "fifo": ([OK, (special("content/fifo", tarfile.FIFOTYPE), b"")], "is not a plain file"),
    "folder": ([(special("content/images", tarfile.DIRTYPE), b""), OK], "is a folder"),
    "twice": ([OK, OK], "twice"),
    "outside content/": ([OK, (regular("run.sh", b"rm -rf /"), b"rm -rf /")], "outside content/"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hand_made_archives_are_refused_before_anything_is_written(case: str, tmp_path: Path) -> None:
    members, says = CASES[case]
    installer = Installer(tmp_path / "var" / "content", tmp_path / "var" / "packs")
    with pytest.raises(PackError, match=says):
        installer.install(craft(tmp_path / "p.tar.gz", members), lambda folder: [], 1 << 20)
    assert not installer.target.exists() and not (tmp_path / "runet30-evil").exists()
    assert not Path("/tmp/runet30-evil").exists()
    assert [p.name for p in (tmp_path / "var").iterdir()] == ["packs"]


def test_manifest_mismatches_are_refused(tmp_path: Path) -> None:
    installer = Installer(tmp_path / "var" / "content", tmp_path / "var" / "packs")
    good: dict[str, Any] = {"format": "runet30-content-pack", "version": 1,
                            "files": {"ui.yaml": {"size": len(UI), "sha256": sha256_of(UI)}}}
    extra = {**good, "files": {}}
    entry = {"ui.yaml": {"size": len(UI), "sha256": sha256_of(UI)}}
    missing = {**good, "files": {**entry, "b.yaml": {"size": 1, "sha256": "0" * 64}}}
    wrong = {**good, "files": {"ui.yaml": {"size": len(UI), "sha256": "0" * 64}}}
    bigger = {**good, "files": {"ui.yaml": {"size": len(UI) + 1, "sha256": sha256_of(UI)}}}
    escape = {**good, "files": {**entry, "../x": {"size": 1, "sha256": "0" * 64}}}
    cases: list[tuple[dict[str, Any], str]] = [
        (extra, "not in its manifest"), (missing, "missing from the pack"),
        (wrong, "does not match its checksum in the manifest"), (bigger, "the manifest says"),
        (escape, "leads out of the folder"), ({"format": "zip"}, "unknown pack format")]
    for manifest, says in cases:
        with pytest.raises(PackError, match=says):
            installer.install(craft(tmp_path / "p.tar.gz", [OK], manifest), lambda folder: [], 1 << 20)
    with pytest.raises(PackError, match="manifest does not match its checksum"):
        installer.install(craft(tmp_path / "p.tar.gz", [OK], manifest_sum="0" * 64), lambda folder: [], 1 << 20)
    with pytest.raises(PackError, match="extra bytes"):
        installer.install(craft(tmp_path / "p.tar.gz", [OK], tail=b"\x1f\x8b"), lambda folder: [], 1 << 20)
    with pytest.raises(PackError, match="unpacks to more than"):
        big = b"0" * (3 << 20)
        installer.install(craft(tmp_path / "p.tar.gz", [(regular("content/big", big), big)]),
                          lambda folder: [], 1 << 20)
    assert not installer.target.exists()
    installer.install(craft(tmp_path / "p.tar.gz", [OK]), lambda folder: [], 1 << 20)
    assert (installer.target / "ui.yaml").read_bytes() == UI


def test_paths_content_relative_into_var(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The documented set-up: `paths.content: ../var/content` beside `paths.var: ../var` (relative to kiosk.yaml)."""
    (tmp_path / "config").mkdir()
    config = tmp_path / "config" / "kiosk.yaml"
    config.write_text(kiosk_yaml(tmp_path, tmp_path / "x").read_text(encoding="utf-8")
                      .replace(f"content: {tmp_path / 'x'}", "content: ../var/content")
                      .replace(f"var: {tmp_path / 'var'}", "var: ../var"), encoding="utf-8")
    pack = tmp_path / "a.tar.gz"
    build_pack(REAL_CONTENT, pack)
    assert main(["install-pack", "--config", str(config), str(pack)]) == 0, capsys.readouterr().err
    assert tree_bytes(tmp_path / "var" / "content") == tree_bytes(REAL_CONTENT)
    assert main(["check", "--config", str(config)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "content OK: 6 files"
