"""DOS file-name rules shared by the content checker and the virtual file system.

Names are 8.3: up to 8 characters, optionally a dot and up to 3 more, stored in upper case; characters must
exist in code page 866 (the Russian DOS code page, so Cyrillic names are allowed, as they were) and must not
be among those DOS forbids. In the content file a longer name is an error (the hint proposes the 8.3 form);
at the prompt, as MS-DOS did, a longer typed name is silently cut to 8.3 before it is looked up.
"""

from __future__ import annotations

FORBIDDEN = set('"/\\[]:|<>+=;,*?') | {" "}
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 5)), *(f"LPT{n}" for n in range(1, 4))}
CODEPAGE = "cp866"


def in_codepage(text: str) -> bool:
    try:
        text.encode(CODEPAGE)
    except UnicodeEncodeError:
        return False
    return True


def bad_chars(text: str) -> list[str]:
    """Characters of `text` that code page 866 cannot show (in order, without repeats)."""
    seen: list[str] = []
    for ch in text:
        if ch not in seen and ch not in "\n" and not in_codepage(ch):
            seen.append(ch)
    return seen


def split_name(name: str) -> tuple[str, str]:
    base, _, ext = name.partition(".")
    return base, ext


def to_83(name: str) -> str:
    """Cut a typed name to 8.3 the way MS-DOS did: 'HISTORYFILE.TEXT' -> 'HISTORYF.TEX'."""
    if name in (".", ".."):
        return name
    base, ext = split_name(name.upper())
    return f"{base[:8]}.{ext[:3]}" if ext else base[:8]


def name_problem(name: str) -> str | None:
    """Why `name` is not a valid DOS file name (message with a hint), or None when it is valid."""
    if not name or not name.strip():
        return "a file name cannot be empty: write e.g. README.TXT"
    upper = name.upper()
    base, ext = split_name(upper)
    bad = sorted({ch for ch in upper if ch in FORBIDDEN or ord(ch) < 32})
    if bad:
        shown = " ".join(repr(ch) for ch in bad)
        return f"'{name}' contains characters DOS forbids in names ({shown}): use letters, digits, - or _"
    missing = bad_chars(upper)
    if missing:
        return (f"'{name}' contains {' '.join(repr(c) for c in missing)}, not in code page 866 of Russian DOS: "
                "use Latin or Cyrillic letters, digits, - or _")
    if "." in ext:
        return f"'{name}' has more than one dot: DOS names are NAME.EXT, e.g. {to_83(upper.replace('.', '', 1))}"
    if not base:
        return f"'{name}' has no name before the dot: write e.g. README.TXT"
    if len(base) > 8 or len(ext) > 3:
        return (f"'{name}' is longer than DOS allows (8 characters, a dot, 3 characters): "
                f"shorten it, e.g. to '{to_83(upper)}'")
    if base in RESERVED:
        return f"'{name}' is a DOS device name ({base}): choose another name"
    return None


def matches(pattern: str, name: str) -> bool:
    """DOS wildcard match of an 8.3 name: '*' fills the rest of its part, '?' any one character."""
    if pattern in ("*", "*.*"):
        return True
    p_base, p_ext = split_name(to_83(pattern) if "*" not in pattern else pattern.upper())
    if "." not in pattern:
        p_ext = ""
    n_base, n_ext = split_name(name.upper())

    def part(p: str, n: str, width: int) -> bool:
        p = (p.split("*")[0] + "?" * width) if "*" in p else p
        p, n = p[:width].ljust(width), n[:width].ljust(width)
        return all(pc == "?" or pc == nc for pc, nc in zip(p, n, strict=True))

    return part(p_base, n_base, 8) and part(p_ext, n_ext, 3)
