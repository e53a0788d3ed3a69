#!/usr/bin/env python3
"""Validates canonical JSON files against docs/canonical/<type>.schema.json.

usage: validate_canonical.py SCHEMA_DIR FILE...
One line per file: "valid FILE" or "invalid FILE: <path>: <first error>".
Exit 0 when every file was checked (valid or not), 2 on usage errors, 3 when
python3-jsonschema is missing (scripts/bootstrap installs it)."""
import json
import os
import sys
import warnings

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed: run scripts/bootstrap "
          "(apt-get install python3-jsonschema)", file=sys.stderr)
    sys.exit(3)


def load_schemas(schema_dir):
    schemas = {}
    for name in sorted(os.listdir(schema_dir)):
        if name.endswith(".schema.json"):
            with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
                schemas[name] = json.load(f)
    return schemas


def make_validator(schemas, name):
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schemas[name])
    try:  # jsonschema >= 4.18: the referencing registry
        from referencing import Registry, Resource
        registry = Registry().with_resources(
            (s["$id"], Resource.from_contents(s)) for s in schemas.values())
        return cls(schemas[name], registry=registry)
    except (ImportError, TypeError):  # jsonschema 4.10 (Debian 12): RefResolver
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            store = {s["$id"]: s for s in schemas.values()}
            resolver = jsonschema.RefResolver.from_schema(schemas[name], store=store)
            return cls(schemas[name], resolver=resolver)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    schemas = load_schemas(argv[1])
    validators = {}
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print(f"invalid {path}: not JSON: {e}")
            continue
        kind = doc.get("type") if isinstance(doc, dict) else None
        name = f"{kind}.schema.json"
        if name not in schemas:
            print(f"invalid {path}: no schema for type {kind!r}")
            continue
        if name not in validators:
            validators[name] = make_validator(schemas, name)
        # jsonschema 4.10 also reports a property that failed as "unevaluated": show the cause.
        errors = sorted(validators[name].iter_errors(doc),
                        key=lambda e: (e.validator == "unevaluatedProperties", [str(p) for p in e.absolute_path]))
        if errors:
            where = "/".join(str(p) for p in errors[0].absolute_path) or "(root)"
            print(f"invalid {path}: {where}: {errors[0].message}")
        else:
            print(f"valid {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
