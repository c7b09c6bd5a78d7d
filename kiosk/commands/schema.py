"""`schema --out DIR`: one JSON Schema per content file type, for editor autocomplete and inline errors.

Curators add `# yaml-language-server: $schema=../../out/schema/timeline.schema.json` as the first line of a
content file; VS Code (YAML extension) and other editors then complete keys and underline mistakes while typing.
The schemas come straight from the pydantic models, so they never drift from what `check` enforces.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.content.problems import Problem, display_path

NAME = "schema"
HELP = "write a JSON Schema for each content file type (editor autocomplete), plus kiosk.schema.json"

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DEFAULT_OUT = Path("out/schema")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the schemas (default: %(default)s)")


def schema_name(content_file: str) -> str:
    """'timeline.yaml' -> 'timeline.schema.json'."""
    return Path(content_file).name.rsplit(".", 1)[0] + ".schema.json"


def model_schema(model: Any, title: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"$schema": DRAFT, **model.model_json_schema(mode="validation")}
    schema["title"] = title
    return schema


def _config_schema() -> dict[str, Any] | None:
    try:
        from kiosk.config import KioskConfig
    except ImportError:
        return None
    schema = model_schema(KioskConfig, "kiosk.yaml — Runet-30 kiosk settings")
    schema.get("properties", {}).pop("base_dir", None)  # filled in by the program, not by the installer
    return schema


def write_schemas(config: Any, out: Path) -> tuple[list[Path], list[Problem]]:
    from kiosk.content.registry import content_specs

    specs = content_specs(config, include_disabled=True)
    problems = list(specs.problems)
    out.mkdir(parents=True, exist_ok=True)
    documents: dict[str, dict[str, Any]] = {}
    for spec in specs:
        try:
            documents[schema_name(spec.file)] = model_schema(spec.model, f"{spec.file} — Runet-30 kiosk content")
        except Exception as exc:
            problems.append(Problem(display_path(spec.file), 1, 1, "error",
                                    f"no schema for this file ({type(exc).__name__}: {exc})"))
    config_schema = _config_schema()
    if config_schema is not None:
        documents["kiosk.schema.json"] = config_schema
    written = []
    for name, document in documents.items():
        path = out / name
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)
        written.append(path)
    return written, problems


def run(args: argparse.Namespace) -> int:
    try:
        from kiosk.config import load_config

        config = load_config(args.config)
        written, problems = write_schemas(config, Path(args.out))
    except Exception as exc:  # ConfigError is already one located line; anything else: one plain line
        print(str(exc) if hasattr(exc, "line") else f"schema: error: {exc}", file=sys.stderr)
        return 1
    for problem in sorted(problems):
        print(problem.format(), file=sys.stderr)
    for path in written:
        print(display_path(path))
    return 1 if problems else 0
