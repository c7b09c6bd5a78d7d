"""Security checks for `run_kiosk.py check`: links only to allowed hosts, and no plain admin PIN in kiosk.yaml.

Why: a QR code on the exhibit is an invitation visitors trust ("it's on the official screen"), so every web
address in the content must lead to a host the installer listed in `allowed_link_hosts` (the host itself or a
subdomain of it). A content folder arriving on a USB stick is checked before it is shown (`install-pack` runs
`check`), so a phishing link is caught with its file:line:col. The kiosk itself never opens a link: addresses
are only drawn (as text or as a QR code) — tests/security/test_no_escape_code.py keeps it that way.

A plain PIN in kiosk.yaml would be readable by anyone who gets a copy of the file; only a salted hash
(`admin.pin_hash`, written by `run_kiosk.py admin-pin`) is accepted.

A third check reports links (symlinks) inside the content folder that lead out of it: the loader already
refuses such links where an asset path names them; this catches the rest (a linked content file or folder).

The checks plug into the check command through `kiosk.content.passes` (this module is listed in
`PASS_MODULES`): `link_problems` is a content pass, `plain_pin_problems` a config pass that reads kiosk.yaml's
text, so it can point at the line even when the value would not validate.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, RootModel, WithJsonSchema

from kiosk.content.assets import iter_asset_paths
from kiosk.content.loader import ContentBundle
from kiosk.content.passes import register_config_pass, register_pass
from kiosk.content.problems import Problem, display_path

LINK_FIELD_NAMES = frozenset({"link", "links", "href", "qr", "qr_link"})
"""Fields whose value becomes a QR code or a link: these must be https."""

_WHOLE_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S*$")
_EMBEDDED_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"'«»()\[\]{}]+")
_TRAILING_PUNCTUATION = ".,;:!?…"
Loc = tuple[Any, ...]


# ------------------------------------------------------------------------------------------- hosts

def normalize_host(host: str) -> str | None:
    """Lower-case ASCII (IDNA) form of a host name without a trailing dot; None when it is not a host name."""
    text = host.strip().rstrip(".").lower()
    if text.startswith("*."):
        text = text[2:]
    if not text or any(ch in text for ch in "/@:?# \t"):
        return None
    try:
        return text.encode("idna").decode("ascii")
    except UnicodeError:
        return None


def host_allowed(host: str, allowed: Iterable[str]) -> bool:
    """True when `host` is one of `allowed` or a subdomain of one (`www.mos.ru` under `mos.ru`)."""
    name = normalize_host(host)
    if name is None:
        return False
    for entry in allowed:
        base = normalize_host(entry)
        if base and (name == base or name.endswith("." + base)):
            return True
    return False


def link_allowed(url: str, allowed: Iterable[str]) -> bool:
    """Runtime guard for scenes: True only for an https:// address on an allowed host, without a user name."""
    return link_problem(url, allowed, link_field=True) is None


def link_problem(url: str, allowed: Iterable[str], link_field: bool) -> str | None:
    """Why this web address may not appear on the exhibit, or None. `link_field`: it becomes a QR code/link."""
    allowed = list(allowed)
    text = url.strip()
    candidate = "https://" + text if text.lower().startswith("www.") else text
    try:
        parts = urlsplit(candidate)
        host = parts.hostname or ""
        _ = parts.port  # raises for a malformed port
    except ValueError:
        return f"'{text}' is not a valid web address: check for spaces and typos"
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        return f"'{text}' is not a web address (https://…): only https links to allowed hosts may appear"
    if scheme != "https" and link_field:
        return f"'{text}' must start with https:// (visitors scan it as a QR code)"
    if "@" in parts.netloc:
        return (f"'{text}' contains a user name before '@', which hides the real host: "
                "write the address without it")
    if not host:
        return f"'{text}' has no host name: write a full address like https://www.mos.ru/"
    if host_allowed(host, allowed):
        return None
    listed = ", ".join(allowed) if allowed else "none"
    return (f"link to '{host}', which is not an allowed host (allowed: {listed}): link to an allowed site, "
            "or add the host to allowed_link_hosts in kiosk.yaml")


# ------------------------------------------------------------------------------ walking the content

def _is_uri_metadata(metadata: Sequence[Any]) -> bool:
    for item in metadata:
        if isinstance(item, WithJsonSchema) and isinstance(item.json_schema, dict) \
                and item.json_schema.get("format") == "uri":
            return True
    return False


def _is_link_annotation(annotation: Any, metadata: Sequence[Any]) -> bool:
    if _is_uri_metadata(metadata):
        return True
    if get_origin(annotation) is Annotated:
        return _is_uri_metadata(get_args(annotation)[1:])
    return any(_is_link_annotation(arg, ()) for arg in get_args(annotation) if arg is not Ellipsis)


def iter_strings(value: Any, loc: Loc = (), link_field: bool = False) -> Iterator[tuple[Loc, str, bool]]:
    """(location, text, is a link field) for every string inside validated content."""
    if isinstance(value, str):
        yield loc, value, link_field
    elif isinstance(value, RootModel):
        yield from iter_strings(value.root, loc, link_field)
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            key = field.alias or name
            is_link = key in LINK_FIELD_NAMES or _is_link_annotation(field.annotation, field.metadata)
            yield from iter_strings(getattr(value, name, None), (*loc, key), is_link)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_strings(item, (*loc, key), link_field or str(key) in LINK_FIELD_NAMES)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from iter_strings(item, (*loc, index), link_field)


def urls_in(text: str, link_field: bool) -> list[str]:
    """The web addresses in a text: the whole value when it is one, else each `scheme://…` written inside it.

    A site named in prose ("the first site was www.ru") is not a link; `www.…` counts only as a link field's
    whole value. A link field holding something else (a colour named `link`) is not an address at all.
    """
    stripped = text.strip()
    if _WHOLE_URL.match(stripped) or (link_field and stripped.lower().startswith("www.")):
        return [stripped]
    return [match.rstrip(_TRAILING_PUNCTUATION) for match in _EMBEDDED_URL.findall(text)]


@register_pass
def link_problems(config: Any, bundle: ContentBundle) -> list[Problem]:
    """Every web address in the content whose host is not in `allowed_link_hosts` (and non-https links)."""
    allowed = list(getattr(config, "allowed_link_hosts", []) or [])
    problems: list[Problem] = []
    for file, model in bundle.models.items():
        shown = display_path(Path(bundle.root) / file)
        for loc, text, link_field in iter_strings(model):
            for url in urls_in(text, link_field):
                message = link_problem(url, allowed, link_field)
                if message:
                    line, col = bundle.where(file, loc)
                    problems.append(Problem(shown, line, col, "error", message))
    return problems


# ---------------------------------------------------------------------------------------- the PIN

PLAIN_PIN_MESSAGE = ("a plain PIN is not allowed: run `run_kiosk.py admin-pin` to store only its salted hash "
                     "(admin.pin_hash); it removes this line")
_HASH_RE = re.compile(r"^pbkdf2_sha256\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$")


def pin_hash_problem(value: str) -> str | None:
    """Why a pin_hash value is not a salted hash written by `admin-pin` (e.g. a PIN typed into it), or None."""
    match = _HASH_RE.match(value.strip())
    if match is None:
        return ("admin.pin_hash is not a salted hash (it may be a plain PIN): set it with "
                "`run_kiosk.py admin-pin`")
    try:
        salt = base64.b64decode(match.group(2), validate=True)
        digest = base64.b64decode(match.group(3), validate=True)
    except (binascii.Error, ValueError):
        return "admin.pin_hash is damaged (not base64): set it again with `run_kiosk.py admin-pin`"
    if int(match.group(1)) < 100_000 or len(salt) < 8 or len(digest) != 32:
        return "admin.pin_hash is too weak or damaged: set it again with `run_kiosk.py admin-pin`"
    return None


def _mapping_get(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _is_empty(node: yaml.Node) -> bool:
    if not isinstance(node, yaml.ScalarNode):
        return False
    return node.tag.endswith(":null") or node.value.strip() == ""


@register_config_pass
def plain_pin_problems(config_path: Path) -> list[Problem]:
    """kiosk.yaml must not hold `admin.pin`, and `admin.pin_hash` must be a real salted hash."""
    try:
        text = Path(config_path).read_text(encoding="utf-8-sig")
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # load_config reports an unreadable or broken file
    admin = _mapping_get(root, "admin")
    if admin is None:
        return []
    shown = display_path(config_path)
    problems: list[Problem] = []
    pin = _mapping_get(admin[1], "pin")
    if pin is not None and not _is_empty(pin[1]):
        mark = pin[0].start_mark
        problems.append(Problem(shown, mark.line + 1, mark.column + 1, "error", PLAIN_PIN_MESSAGE))
    pin_hash = _mapping_get(admin[1], "pin_hash")
    if pin_hash is not None and isinstance(pin_hash[1], yaml.ScalarNode) and not _is_empty(pin_hash[1]):
        message = pin_hash_problem(pin_hash[1].value)
        if message:
            mark = pin_hash[1].start_mark
            problems.append(Problem(shown, mark.line + 1, mark.column + 1, "error", message))
    return problems


# ----------------------------------------------------------------------------- links in the folder

@register_pass
def outside_link_problems(config: Any, bundle: ContentBundle) -> list[Problem]:
    """Links (symlinks) in the content folder that lead outside it: the folder must be one self-contained piece.

    Links named by an asset path are already reported at their YAML line by the loader; this finds the rest —
    a content file itself, a linked folder, an unused linked file — which a pack or a copy would not carry.
    """
    referenced = {relative for model in bundle.models.values() for _loc, relative in iter_asset_paths(model)}
    return outside_links(Path(bundle.root), referenced)


def outside_links(root: Path, referenced: set[str] | frozenset[str] = frozenset(),
                  folders_only: bool = False) -> list[Problem]:
    """The folder walk behind outside_link_problems. When the content did not load, `check` runs it for linked
    folders only (linked files may be asset paths, which the loader reports at their YAML line)."""
    inside = root.resolve()
    problems: list[Problem] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in sorted([*dirs, *files]):
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            relative = path.relative_to(root).as_posix()
            try:
                target = path.resolve()
            except (OSError, RuntimeError):
                target = None
            if relative in referenced or (target is not None and target.is_relative_to(inside)):
                continue
            if folders_only and not path.is_dir():
                continue
            problems.append(Problem(display_path(path), 1, 1, "error", outside_link_message(relative)))
    return problems


def outside_link_message(relative: str) -> str:
    return (f"'{relative}' is a link that leads outside the content folder: replace it with the real file or "
            "folder")
