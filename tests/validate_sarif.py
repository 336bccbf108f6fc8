#!/usr/bin/python3
"""validate_sarif.py YCFG SCHEMA SAMPLES_BAD

Runs 'YCFG lint --no-config --format sarif SAMPLES_BAD' and validates the
output against SCHEMA: the official SARIF 2.1.0 JSON schema (installed
into .deps/ by scripts/setup from the npm registry; exit 77 when absent),
or tests/sarif-2.1.0-ycfg.schema.json, the stricter schema written for ycfg
from the specification.  No network access at test time.
Also checks what the schema cannot: every result's ruleIndex points at its
rule, and lines are >= 1.  Exit 0 valid, 1 invalid, 77 skip (no jsonschema).
"""
import json
import os
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    print("skip: python3-jsonschema is not installed")
    sys.exit(77)


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    ycfg, schema_path, samples = sys.argv[1:]
    if not os.path.exists(schema_path):
        print(f"skip: {schema_path} is not installed (scripts/setup gets it)")
        return 77
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    run = subprocess.run([ycfg, "lint", "--no-config", "--format", "sarif",
                          samples], capture_output=True, check=False,
                         env=dict(os.environ, LC_ALL="C"))
    if run.returncode not in (0, 1):
        print(f"ycfg exited {run.returncode}: {run.stderr.decode()}")
        return 1
    log = json.loads(run.stdout)
    try:
        jsonschema.validators.validator_for(schema)(schema).validate(log)
    except jsonschema.ValidationError as e:
        print(f"invalid SARIF: {e.message} at {list(e.absolute_path)}")
        return 1
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    results = log["runs"][0]["results"]
    if not results:
        print("no results for the bad samples")
        return 1
    for r in results:
        if rules[r["ruleIndex"]]["id"] != r["ruleId"]:
            print(f"ruleIndex {r['ruleIndex']} is not {r['ruleId']}")
            return 1
        region = r["locations"][0]["physicalLocation"]["region"]
        if region["startLine"] < 1 or region["startColumn"] < 1:
            print(f"bad region {region}")
            return 1
    print(f"valid SARIF 2.1.0: {len(rules)} rules, {len(results)} results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
