#!/usr/bin/env python3
"""Validate the Kitbench Sandbox tool catalog (tools/*.json next to this file).

Needs Python 3.9+ and `jsonschema` (>= 4.18) from PyPI, e.g. in a throwaway venv:

    python3 -m venv /tmp/catvenv && /tmp/catvenv/bin/pip install jsonschema
    /tmp/catvenv/bin/python crates/sandbox/catalog/check.py

Exits 1 and lists every problem when the catalog breaks a rule in README.md; prints totals.
"""

import argparse
import copy
import json
import re
import sys
from pathlib import Path

try:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError
except ImportError:
    sys.exit("check.py needs jsonschema: pip install jsonschema (in a venv)")

HERE = Path(__file__).resolve().parent
MAIN = "gmail slack github googlecalendar notion linear hubspot salesforce jira".split()
MAIN_MIN_EACH, MAIN_MIN_TOTAL = 4, 40
TOOL_KEYS = set("name provider description input_schema output_schema annotations tags".split())
ANNOTATION_KEYS = set(
    "title read_only_hint destructive_hint idempotent_hint open_world_hint".split()
)
KEYWORDS = set(
    "type properties required items enum format minimum maximum minLength maxLength minItems"
    " maxItems default description additionalProperties pattern".split()
)
TYPES = {"object", "array", "string", "integer", "number", "boolean"}
FORMATS = {"date-time", "date", "email", "uri"}
# The app derives form behaviour from names too, so the verb in a name must agree with the hints.
READ_VERBS = set("list get search fetch read lookup query describe check ping report".split())
WRITE_VERBS = set(
    "create send update delete add modify trash cancel transition remove post set archive"
    " upload move append invite".split()
)
DESTRUCTIVE_VERBS = {"delete", "trash", "cancel", "remove"}
NAME_RE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
TAG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PATTERN_SAMPLES = ["example", "octocat", "PROJ-123", "abc123", "A1", "2025-01-15", "a"]
FORMAT_SAMPLES = {
    "date-time": "2025-01-15T09:30:00Z",
    "date": "2025-01-15",
    "email": "user@example.com",
    "uri": "https://example.com/resource",
}


def walk(schema, path, errors, is_property):
    """Check one schema node and its children against the allowed subset."""
    if not isinstance(schema, dict):
        errors.append(f"{path}: schema must be an object")
        return
    for key in schema:
        if key not in KEYWORDS:
            errors.append(f"{path}: keyword {key!r} is not in the allowed subset")
    t = schema.get("type")
    if not isinstance(t, str) or t not in TYPES:
        errors.append(f"{path}: 'type' must be one of {sorted(TYPES)}, got {t!r}")
    if is_property and not (
        isinstance(schema.get("description"), str) and schema["description"].strip()
    ):
        errors.append(f"{path}: property has no description")
    if "format" in schema and schema["format"] not in FORMATS:
        errors.append(f"{path}: format {schema['format']!r} not allowed")
    if "enum" in schema:
        enum = schema["enum"]
        if not enum or len({json.dumps(v) for v in enum}) != len(enum):
            errors.append(f"{path}: enum must be non-empty and unique")
    for lo, hi in (("minimum", "maximum"), ("minLength", "maxLength"), ("minItems", "maxItems")):
        if lo in schema and hi in schema and schema[lo] > schema[hi]:
            errors.append(f"{path}: {lo} > {hi}")
    if "default" in schema:
        bare = {k: v for k, v in schema.items() if k != "default"}
        for err in validator(bare).iter_errors(schema["default"]):
            errors.append(f"{path}: default does not fit its schema: {err.message}")
    if t == "object":
        props = schema.get("properties", {})
        req = schema.get("required", [])
        if len(set(req)) != len(req):
            errors.append(f"{path}: duplicate names in required")
        for name in req:
            if name not in props:
                errors.append(f"{path}: required {name!r} is not in properties")
        for name, sub in props.items():
            walk(sub, f"{path}.{name}", errors, True)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            walk(extra, f"{path}{{*}}", errors, False)
        elif extra is not None and not isinstance(extra, bool):
            errors.append(f"{path}: additionalProperties must be a boolean or a schema")
        if not props and extra is None:
            errors.append(f"{path}: object without properties must say additionalProperties")
    if t == "array":
        if "items" not in schema:
            errors.append(f"{path}: array without items")
        else:
            walk(schema["items"], f"{path}[]", errors, False)


def validator(schema):
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def sample(schema, full):
    """Build an instance: required properties only (full=False) or every property (full=True)."""
    if "default" in schema:
        return copy.deepcopy(schema["default"])
    if "enum" in schema:
        return copy.deepcopy(schema["enum"][0])
    t = schema.get("type")
    if t == "object":
        props = schema.get("properties", {})
        keys = list(props) if full else schema.get("required", [])
        return {k: sample(props[k], full) if k in props else None for k in keys}
    if t == "array":
        count = max(schema.get("minItems", 0), 1 if full else 0)
        return [sample(schema["items"], full) for _ in range(count)]
    if t == "string":
        if "format" in schema:
            return FORMAT_SAMPLES.get(schema["format"], "example")
        if "pattern" in schema:
            return next((c for c in PATTERN_SAMPLES if re.search(schema["pattern"], c)), "")
        text = "example"
        text = text.ljust(schema.get("minLength", 0), "x")
        return text[: schema.get("maxLength", len(text))]
    if t in ("integer", "number"):
        low = schema.get("minimum", 0)
        return max(low, min(1, schema.get("maximum", 1)))
    if t == "boolean":
        return False
    return None


def instance_errors(schema, full, where):
    inst = sample(schema, full)
    return [
        f"{where}: generated instance fails: {e.message} at /{'/'.join(map(str, e.path))}"
        for e in validator(schema).iter_errors(inst)
    ]


def check_schema(schema, where, errors, top_input):
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as e:
        errors.append(f"{where}: not a valid Draft 2020-12 schema: {e.message}")
        return
    if not isinstance(schema, dict) or schema.get("type") != "object":
        errors.append(f"{where}: top level must be type object")
        return
    if top_input and schema.get("additionalProperties") is not False:
        errors.append(f"{where}: top level must set additionalProperties false")
    if "properties" not in schema or "required" not in schema:
        errors.append(f"{where}: top level must have properties and required")
    walk(schema, where, errors, False)
    errors.extend(instance_errors(schema, not top_input, where))


def check_tool(tool, slug, where, errors):
    if not isinstance(tool, dict):
        errors.append(f"{where}: tool must be an object")
        return
    if set(tool) != TOOL_KEYS:
        errors.append(f"{where}: keys must be exactly {sorted(TOOL_KEYS)}, got {sorted(tool)}")
    name = tool.get("name", "")
    if not (isinstance(name, str) and NAME_RE.match(name) and name.startswith(slug + "_")):
        errors.append(f"{where}: name must be snake_case and start with {slug + '_'!r}")
    if tool.get("provider") != slug:
        errors.append(f"{where}: provider must be {slug!r}")
    desc = tool.get("description")
    if not (isinstance(desc, str) and 20 <= len(desc) <= 600):
        errors.append(f"{where}: description must be a string of 20-600 characters")
    check_schema(tool.get("input_schema"), f"{where}.input_schema", errors, True)
    check_schema(tool.get("output_schema"), f"{where}.output_schema", errors, False)
    ann = tool.get("annotations")
    if not isinstance(ann, dict) or set(ann) != ANNOTATION_KEYS:
        errors.append(f"{where}: annotations must have exactly {sorted(ANNOTATION_KEYS)}")
        return
    if not (isinstance(ann["title"], str) and ann["title"].strip()):
        errors.append(f"{where}: annotations.title must be a non-empty string")
    hints = {k: ann[k] for k in ANNOTATION_KEYS - {"title"}}
    if not all(isinstance(v, bool) for v in hints.values()):
        errors.append(f"{where}: annotation hints must be booleans")
        return
    read_only, destructive = hints["read_only_hint"], hints["destructive_hint"]
    if read_only and destructive:
        errors.append(f"{where}: a read-only tool cannot be destructive")
    words = set(name[len(slug) + 1 :].split("_"))
    if words & WRITE_VERBS:
        if read_only:
            errors.append(
                f"{where}: {sorted(words & WRITE_VERBS)} in the name but read_only_hint is true"
            )
        if words & DESTRUCTIVE_VERBS and not destructive:
            errors.append(
                f"{where}: {sorted(words & DESTRUCTIVE_VERBS)} in the name needs destructive_hint"
            )
    elif words & READ_VERBS:
        if not read_only:
            errors.append(f"{where}: read verb in the name but read_only_hint is false")
    else:
        errors.append(
            f"{where}: no known verb in the name; extend READ_VERBS/WRITE_VERBS in check.py"
        )
    tags = tool.get("tags")
    if not (
        isinstance(tags, list)
        and tags
        and all(isinstance(t, str) and TAG_RE.match(t) for t in tags)
        and len(set(tags)) == len(tags)
    ):
        errors.append(f"{where}: tags must be a non-empty list of unique lowercase-kebab strings")
    elif ("read" in tags) != read_only or ("write" in tags) == read_only:
        errors.append(
            f"{where}: tags must contain 'read' for read-only tools and 'write' otherwise"
        )


def load_catalog(tools_dir, slugs, errors):
    """Parse every tools/<slug>.json and check each tool; returns {slug: [tool, ...]}."""
    tools_by_slug, seen = {}, {}
    for path in sorted(tools_dir.glob("*.json")):
        slug = path.stem
        if slug not in slugs:
            errors.append(f"{path.name}: {slug!r} is not a connector slug in connectors.json")
        try:
            tools = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as e:
            errors.append(f"{path.name}: does not parse: {e}")
            continue
        if not isinstance(tools, list) or not tools:
            errors.append(f"{path.name}: must be a non-empty JSON array")
            continue
        tools_by_slug[slug] = []
        for idx, tool in enumerate(tools):
            name = tool.get("name") if isinstance(tool, dict) else None
            where = f"{path.name}[{idx}] {name}"
            check_tool(tool, slug, where, errors)
            if not isinstance(tool, dict):
                continue
            if name in seen:
                errors.append(f"{where}: duplicate name (also in {seen[name]})")
            seen[name] = path.name
            tools_by_slug[slug].append(tool)
    return tools_by_slug


def is_read_only(tool):
    ann = tool.get("annotations")
    return isinstance(ann, dict) and ann.get("read_only_hint") is True


def check_coverage(connectors, tools_by_slug, errors):
    """Example tools from connectors.json and the minimum set over the main connectors."""
    examples = [(c["slug"], t) for c in connectors for t in c.get("example_tools") or []]
    names = {slug: {t.get("name") for t in ts} for slug, ts in tools_by_slug.items()}
    missing = [t for slug, t in examples if t not in names.get(slug, set())]
    errors.extend(f"example tool {name} is missing from its connector's file" for name in missing)
    for slug in MAIN:
        ts = tools_by_slug.get(slug, [])
        if len(ts) < MAIN_MIN_EACH:
            errors.append(f"{slug}: {len(ts)} tools, needs at least {MAIN_MIN_EACH}")
        reads = sum(map(is_read_only, ts))
        if reads == 0 or reads == len(ts):
            errors.append(f"{slug}: needs both read and write tools")
    main_total = sum(len(tools_by_slug.get(slug, [])) for slug in MAIN)
    if main_total < MAIN_MIN_TOTAL:
        errors.append(f"main connectors: {main_total} tools, needs at least {MAIN_MIN_TOTAL}")
    return examples, missing


def print_totals(tools_by_slug, examples, missing):
    tools = [t for ts in tools_by_slug.values() for t in ts]
    reads = sum(map(is_read_only, tools))
    destructive = sum(1 for t in tools if (t.get("annotations") or {}).get("destructive_hint"))
    print(f"files: {len(tools_by_slug)}  tools: {len(tools)}  read-only: {reads}  ", end="")
    print(f"write: {len(tools) - reads}  destructive: {destructive}")
    per_main = ", ".join(f"{slug} {len(tools_by_slug.get(slug, []))}" for slug in MAIN)
    main_total = sum(len(tools_by_slug.get(slug, [])) for slug in MAIN)
    print(f"main connectors: {main_total} tools ({per_main})")
    covered = len({slug for slug, _ in examples})
    print(f"example tools present: {len(examples) - len(missing)}/{len(examples)}", end="")
    print(f" over {covered} connectors")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools-dir", type=Path, default=HERE / "tools")
    parser.add_argument("--connectors", type=Path, default=HERE / "connectors.json")
    args = parser.parse_args()
    errors = []
    connectors = json.loads(args.connectors.read_text(encoding="utf-8"))["connectors"]
    tools_by_slug = load_catalog(args.tools_dir, {c["slug"] for c in connectors}, errors)
    examples, missing = check_coverage(connectors, tools_by_slug, errors)
    print_totals(tools_by_slug, examples, missing)
    if errors:
        print(f"\n{len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("catalog OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
