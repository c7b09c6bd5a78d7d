"""Content packs: one .tar.gz that is installed whole or not at all.

Why: content arrives on a USB stick, copied by people in a hurry. A half-copied folder, a flipped byte or a
file slipped in must never reach the screen. A pack holds `manifest.json` (every file's relative path, size
and SHA-256), `manifest.json.sha256` (the manifest's own checksum) and the files under `content/`.

Installing: the gzip stream is read to its end (header exactly as `pack` writes it, CRC and length checked),
every tar member is vetted before anything is written (regular files only: no links, devices, folders,
absolute names or `..`; no duplicates; nothing outside `content/` but the two manifest files), the set of
files must equal the manifest's, and each file is written — only inside a fresh staging folder next to the
target — while its size and hash are checked. Then `check` runs on the staged copy; only then two renames put
it live: the current folder moves aside (kept as var/packs/previous for `--rollback`), the staged one takes
its name. A refused pack leaves the running content untouched.

Packs are checked for integrity, not signed: anyone able to run install-pack on the PC could install any
content anyway, and `check` (allowed link hosts, paths inside the folder) still applies to every pack.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import stat
import tarfile
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

FORMAT = "runet30-content-pack"
VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.json.sha256"
CONTENT_PREFIX = "content/"
GZIP_HEADER = bytes.fromhex("1f8b08000000000002ff")
"""What `pack` writes: deflate, no file name, mtime 0, maximum compression, OS unknown. Accepting only this
header means a changed byte anywhere in the file is noticed (header, data via CRC-32, trailer)."""
DEFAULT_MAX_MB = 2048
CHUNK = 1 << 20
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload", ".kate-swp")


class PackError(Exception):
    """A refusal, in one line for the technician. Nothing live was changed."""


@dataclass(frozen=True)
class FileEntry:
    size: int
    sha256: str


@dataclass(frozen=True)
class PackInfo:
    files: int
    bytes: int
    manifest_sha256: str


def ignored_name(name: str) -> bool:
    """Editor temp files and hidden files: the kiosk ignores them, so packs leave them out."""
    return name.startswith((".", "#")) or name.endswith(_IGNORED_SUFFIXES) or name == "4913"


def path_problem(relative: str) -> str | None:
    """Why a path inside a pack is not a plain relative path inside the content folder, or None."""
    if not relative or "\x00" in relative or "\\" in relative:
        return "is not a plain relative path"
    if relative.startswith("/") or re.match(r"^[A-Za-z]:", relative):
        return "is an absolute path"
    parts = relative.split("/")
    if ".." in parts:
        return "leads out of the folder ('..')"
    if any(part in ("", ".") for part in parts):
        return "is not a plain relative path"
    return None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ----------------------------------------------------------------------------------------- packing

def collect_files(content: Path) -> list[tuple[str, Path]]:
    """(relative path, file) of everything that goes into a pack; PackError on links and odd files."""
    content = Path(content)
    if not content.is_dir():
        raise PackError(f"{content} is not a folder")
    found: list[tuple[str, Path]] = []
    for folder, dirs, files in os.walk(content, followlinks=False):
        for name in sorted(dirs):
            if (Path(folder) / name).is_symlink():
                raise PackError(f"{Path(folder, name)} is a link: packs hold real files only; copy the folder in")
        dirs[:] = sorted(d for d in dirs if not ignored_name(d))
        for name in sorted(files):
            if ignored_name(name):
                continue
            path = Path(folder) / name
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                raise PackError(f"{path} is a link: packs hold real files only; copy the file in instead")
            if not stat.S_ISREG(mode):
                raise PackError(f"{path} is not a regular file (device, pipe or socket)")
            relative = path.relative_to(content).as_posix()
            try:
                relative.encode("utf-8")
            except UnicodeEncodeError:
                raise PackError(f"{path}: the file name is not valid UTF-8; rename it") from None
            problem = path_problem(relative)
            if problem:
                raise PackError(f"{relative} {problem}")
            found.append((relative, path))
    return found


def _tar_info(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime, info.type = size, 0o644, 0, tarfile.REGTYPE
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def build_pack(content: Path, out: Path) -> PackInfo:
    """Write the pack of `content` to `out` (via a temp file and rename). Raises PackError."""
    content, out = Path(content).resolve(), Path(out).absolute()
    if out.resolve().is_relative_to(content):
        raise PackError(f"{out} is inside the content folder: write the pack somewhere else")
    files = collect_files(content)
    if not files:
        raise PackError(f"{content} holds no files")
    payload: list[tuple[str, bytes]] = [(relative, path.read_bytes()) for relative, path in files]
    manifest = {"format": FORMAT, "version": VERSION,
                "files": {relative: {"size": len(data), "sha256": sha256_of(data)} for relative, data in payload}}
    manifest_bytes = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n"
    manifest_sum = sha256_of(manifest_bytes)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as raw, \
                gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz, \
                tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
            entries = [(MANIFEST, manifest_bytes), (MANIFEST_SUM, f"{manifest_sum}  {MANIFEST}\n".encode())]
            entries += [(CONTENT_PREFIX + relative, data) for relative, data in payload]
            for name, data in entries:
                tar.addfile(_tar_info(name, len(data)), io.BytesIO(data))
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PackError(f"cannot write {out} ({exc.strerror or exc})") from None
    return PackInfo(len(payload), sum(len(data) for _, data in payload), manifest_sum)


# --------------------------------------------------------------------------------------- verifying

def _gunzip(pack: Path, out: IO[bytes], max_bytes: int) -> None:
    """Decompress exactly one gzip member written by `pack` into `out`; PackError on any damage."""
    try:
        source = open(pack, "rb")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        raise PackError(f"cannot read {pack} ({exc.strerror or exc})") from None
    with source:
        if source.read(len(GZIP_HEADER)) != GZIP_HEADER:
            raise PackError("it is not a content pack made by `run_kiosk.py pack` (or its first bytes are damaged)")
        source.seek(0)
        inflater = zlib.decompressobj(wbits=31)
        written = 0
        try:
            while chunk := source.read(CHUNK):
                if inflater.eof:
                    raise PackError("there are extra bytes after the end of the pack: it was changed")
                data = inflater.decompress(chunk, CHUNK)
                while True:
                    written += len(data)
                    if written > max_bytes:
                        raise PackError(f"it unpacks to more than {max_bytes >> 20} MB (--max-mb)")
                    out.write(data)
                    if inflater.eof or not inflater.unconsumed_tail:
                        break
                    data = inflater.decompress(inflater.unconsumed_tail, CHUNK)
                if inflater.eof and inflater.unused_data:
                    raise PackError("there are extra bytes after the end of the pack: it was changed")
        except zlib.error:
            raise PackError("the pack is damaged (its data or checksum was changed): copy it again") from None
        if not inflater.eof:
            raise PackError("the pack is cut off (incomplete copy): copy it again")


def _members(tar: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
    while True:
        try:
            member = tar.next()
        except (tarfile.TarError, EOFError, OSError, UnicodeError) as exc:
            raise PackError(f"the pack is damaged ({exc}): copy it again") from None
        if member is None:
            return
        yield member


def vet_members(tar: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    """Every member by name, after refusing anything that is not a plain file at a safe relative name."""
    members: dict[str, tarfile.TarInfo] = {}
    for member in _members(tar):
        name = member.name
        problem = path_problem(name)
        if problem:
            raise PackError(f"the pack entry '{name}' {problem}: refused")
        if not member.isreg() or member.issparse():
            kind = "a link" if member.issym() or member.islnk() else "a device" if member.ischr() or \
                member.isblk() else "a folder" if member.isdir() else "not a plain file"
            raise PackError(f"the pack entry '{name}' is {kind}: packs hold plain files only; refused")
        if name not in (MANIFEST, MANIFEST_SUM) and not name.startswith(CONTENT_PREFIX):
            raise PackError(f"the pack entry '{name}' is outside content/: refused")
        if name in members:
            raise PackError(f"the pack holds '{name}' twice: refused")
        members[name] = member
    return members


def _read_member(tar: tarfile.TarFile, member: tarfile.TarInfo, limit: int) -> bytes:
    if member.size > limit:
        raise PackError(f"'{member.name}' is too large")
    handle = tar.extractfile(member)
    assert handle is not None
    return handle.read()


def read_manifest(tar: tarfile.TarFile, members: dict[str, tarfile.TarInfo]) -> dict[str, FileEntry]:
    for name in (MANIFEST, MANIFEST_SUM):
        if name not in members:
            raise PackError(f"the pack has no {name}: it was not made by `run_kiosk.py pack`")
    manifest_bytes = _read_member(tar, members[MANIFEST], 64 << 20)
    expected = _read_member(tar, members[MANIFEST_SUM], 4096).decode("ascii", "replace").split()
    if not expected or expected[0] != sha256_of(manifest_bytes):
        raise PackError("the manifest does not match its checksum: the pack was changed or damaged")
    try:
        data = json.loads(manifest_bytes.decode("utf-8"))
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise PackError(f"unknown pack format {data.get('format')!r} version {data.get('version')!r}")
        entries: dict[str, FileEntry] = {}
        for relative, entry in data["files"].items():
            problem = path_problem(relative)
            if problem:
                raise PackError(f"the manifest entry '{relative}' {problem}: refused")
            size, digest = entry["size"], entry["sha256"]
            if not isinstance(size, int) or isinstance(size, bool) or size < 0 or not _HEX64.match(str(digest)):
                raise PackError(f"the manifest entry '{relative}' is malformed")
            entries[relative] = FileEntry(size, digest)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PackError(f"the manifest cannot be read ({type(exc).__name__})") from None
    return entries


def _compare(members: dict[str, tarfile.TarInfo], entries: dict[str, FileEntry]) -> None:
    in_pack = {name.removeprefix(CONTENT_PREFIX) for name in members if name.startswith(CONTENT_PREFIX)}
    extra, missing = sorted(in_pack - entries.keys()), sorted(entries.keys() - in_pack)
    if extra:
        raise PackError(f"'{extra[0]}' is in the pack but not in its manifest ({len(extra)} such): refused")
    if missing:
        raise PackError(f"'{missing[0]}' is listed in the manifest but missing from the pack "
                        f"({len(missing)} such): refused")


def _write_checked(tar: tarfile.TarFile, member: tarfile.TarInfo, entry: FileEntry, dest: Path,
                   file_mode: int) -> None:
    relative = member.name.removeprefix(CONTENT_PREFIX)
    if member.size != entry.size:
        raise PackError(f"'{relative}' has {member.size} bytes, the manifest says {entry.size}: refused")
    source = tar.extractfile(member)
    assert source is not None
    digest, written = hashlib.sha256(), 0
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), file_mode)
    with os.fdopen(fd, "wb") as handle:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > entry.size:
                break
            digest.update(chunk)
            handle.write(chunk)
    if written != entry.size or digest.hexdigest() != entry.sha256:
        raise PackError(f"'{relative}' does not match its checksum in the manifest (changed or damaged): refused")


def unpack_verified(pack: Path, staging: Path, private: bool, max_bytes: int) -> dict[str, FileEntry]:
    """Verify `pack` completely and write its files to `staging/content` (a new folder). Raises PackError."""
    dir_mode, file_mode = (0o700, 0o600) if private else (0o755, 0o644)
    staging.mkdir(mode=0o700)
    tar_path = staging / "pack.tar"
    with open(tar_path, "w+b") as tar_file:
        _gunzip(pack, tar_file, max_bytes)
        tar_file.seek(0)
        try:
            tar = tarfile.open(fileobj=tar_file, mode="r:")  # noqa: SIM115 (closed by the with below)
        except (tarfile.TarError, EOFError) as exc:
            raise PackError(f"the pack is damaged ({exc}): copy it again") from None
        with tar:
            members = vet_members(tar)
            entries = read_manifest(tar, members)
            _compare(members, entries)
            root = staging / "content"
            root.mkdir(mode=dir_mode)
            for relative in sorted(entries):
                dest = root / PurePosixPath(relative)
                for folder in reversed(dest.relative_to(root).parents[:-1]):
                    with contextlib.suppress(FileExistsError):
                        (root / folder).mkdir(mode=dir_mode)
                if not dest.parent.resolve().is_relative_to(root.resolve()):
                    raise PackError(f"'{relative}' would be written outside the staging folder: refused")
                _write_checked(tar, members[CONTENT_PREFIX + relative], entries[relative], dest, file_mode)
    tar_path.unlink()
    for walked, _dirs, _files in os.walk(root):
        os.chmod(walked, dir_mode)  # umask-proof
    return entries


# ---------------------------------------------------------------------------------- going live

Checker = Callable[[Path], list[Any]]


@dataclass
class Installer:
    """Installs packs into `target` (the live content folder), keeping the one before in `packs_dir`."""

    target: Path
    packs_dir: Path
    private: bool = True
    owner: tuple[int, int] | None = None

    @property
    def previous(self) -> Path:
        return self.packs_dir / "previous"

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        if self.target.is_symlink():
            raise PackError(f"{self.target} is a link: point paths.content at a real folder")
        try:
            mkdir_private(self.packs_dir)
            handle = os.fdopen(os.open(self.packs_dir / ".lock", os.O_WRONLY | os.O_CREAT, 0o600), "w")
        except OSError as exc:
            raise PackError(f"cannot use {self.packs_dir} ({exc.strerror or exc})") from None
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise PackError("another install-pack is running") from None
            yield

    def staging_dir(self, kind: str) -> Path:
        return self.target.parent / f".{self.target.name}.{kind}-{os.getpid()}"

    def install(self, pack: Path, check: Checker, max_bytes: int) -> tuple[dict[str, FileEntry], list[Any]]:
        """Verify, check and put `pack` live. Returns (entries, check problems); problems mean: not installed."""
        with self.locked():
            staging = self.staging_dir("incoming")
            shutil.rmtree(staging, ignore_errors=True)
            try:
                try:
                    entries = unpack_verified(pack, staging, self.private, max_bytes)
                except OSError as exc:
                    raise PackError(f"cannot unpack next to {self.target} ({exc.strerror or exc}): run as "
                                    "the kiosk user with paths.content under var/, or as root") from None
                problems = check(staging / "content")
                if any(getattr(p, "is_error", True) for p in problems):
                    return entries, problems
                self._give_to_owner(staging / "content")
                self._swap_in(staging / "content")
                self._log(f"installed {Path(pack).name} ({len(entries)} files)")
                return entries, problems
            finally:
                shutil.rmtree(staging, ignore_errors=True)

    def rollback(self, check: Checker) -> list[Any]:
        """Put the previous content back (the current one becomes the previous). Returns check problems."""
        with self.locked():
            if not self.previous.is_dir():
                raise PackError(f"there is no previous content in {self.previous} to roll back to")
            problems = check(self.previous)
            if any(getattr(p, "is_error", True) for p in problems):
                return problems
            staging = self.staging_dir("rollback")
            shutil.rmtree(staging, ignore_errors=True)
            try:
                _move(self.previous, staging)
                try:
                    self._swap_in(staging)
                except BaseException:
                    _move(staging, self.previous)
                    raise
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            self._log("rolled back to the previous content")
            return problems

    def _swap_in(self, ready: Path) -> None:
        """`ready` (next to target) becomes target; the old target becomes `previous`."""
        aside = self.staging_dir("old")
        discard = self.packs_dir / f".discard-{os.getpid()}"
        shutil.rmtree(aside, ignore_errors=True)
        had_target = self.target.exists()
        try:
            if had_target:
                os.rename(self.target, aside)
            os.rename(ready, self.target)
        except OSError as exc:
            if had_target and aside.exists() and not self.target.exists():
                os.rename(aside, self.target)
            raise PackError(f"cannot replace {self.target} ({exc.strerror or exc}); it is unchanged") from None
        if had_target:
            if self.previous.exists():
                os.rename(self.previous, discard)
            _move(aside, self.previous)
            shutil.rmtree(discard, ignore_errors=True)

    def _give_to_owner(self, folder: Path) -> None:
        if self.owner is None or os.geteuid() != 0:
            return
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, *self.owner, follow_symlinks=False)

    def _log(self, message: str) -> None:
        line = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {message}\n"
        fd = os.open(self.packs_dir / "history.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(line)


def mkdir_private(path: Path) -> None:
    """Create `path` and any missing parents with mode 0700 (var/ and what is in it stay the kiosk's own)."""
    missing = [p for p in [path, *path.parents] if not p.exists()]
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)


def _move(source: Path, dest: Path) -> None:
    """Rename, or copy and delete when `dest` is on another file system."""
    try:
        os.rename(source, dest)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        shutil.copytree(source, dest, symlinks=True)
        shutil.rmtree(source)
