#!/usr/bin/env python3
"""corpus_templates.py YCFG CORPUS_DIR PINNED_DIR

Every raw template of the real-world corpus is linted next to its
*.rendered.cfg copy (both with --no-config), and two tables are built and
compared with the pinned ones in PINNED_DIR:

counts.tsv         file, rule, findings in the raw template, findings in
                   the rendered copy.  A row where the raw template has
                   more must carry a reason (5th column): placeholders
                   must add no noise, so every such excess is a real
                   mistake the renderer's sample data did not exercise
                   (a branch it did not take, a loop it ran once).
rendered-only.tsv  each finding of the rendered copy that the raw
                   template does not have (compared by rule and message,
                   with placeholders and numbers read as wildcards), with
                   the reason it cannot be found in the raw template: a
                   value the renderer made up, a condition on such a value,
                   a file included at render time.  Real mistakes in
                   literal text must not appear here: they are found in
                   the raw template too.

YCFG_UPDATE_GOLDEN=1 rewrites both tables, keeping the reasons of rows
that stay and writing TODO for new ones; a TODO (or a missing reason) is a
failure until a person has looked at the finding and written why.
Exit 0 pass, 1 fail, 77 when the corpus is absent.
"""
import collections
import json
import os
import re
import subprocess
import sys

PLACEHOLDER = re.compile(
    r"\{\{.*?\}\}"                        # Jinja, Blade
    r"|\{\$[^{}]*(?:\{[^}]*\}[^{}]*)*\}"  # Smarty, nested once
    r"|\{[A-Z_]{2,}\}"                    # MikoPBX
    r"|@[A-Z0-9_]+@"                      # AstLinux
    r"|%%\w+%%"                           # 3CX
    r"|\$\{?\w+\}?"                       # SARK
    r"|\b[0-9]+\b")


def norm(msg):
    """What a finding is about, for comparing a template's findings with
    its rendered copy's: the key it names (at the start, as "KEY = ..."
    or "KEY is ...", else the first quoted text with a dot, else the key
    after "for "), with placeholders and numbers as
    wildcards; else the message so normalised, without its closing
    parenthesis (the wording of a hint differs in templates)."""
    msg = PLACEHOLDER.sub("#", msg)
    key = re.match(r"([\w.#]+) (?:=|is) ", msg) or \
        re.search(r"'([^' ]*\.[^' ]*)'", msg) or \
        re.search(r" for ([\w.#]+)", msg)
    if key:
        return key.group(1).lower()
    msg = re.sub(r" \([^()]*\)$", "", msg)
    return re.sub(r"'[^'.]*'", "'V'", msg)


def lint(ycfg, path):
    out = subprocess.run([ycfg, "lint", "--no-config", "--format", "json",
                          path], capture_output=True, text=True,
                         timeout=60)
    if out.returncode > 1:
        sys.exit("corpus-templates: %s: exit %d: %s" %
                 (path, out.returncode, out.stderr.strip()))
    return json.loads(out.stdout)["diagnostics"]


def read_pinned(path, nkey):
    rows = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                rows[tuple(cols[:nkey])] = cols[nkey:]
    return rows


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: corpus_templates.py YCFG CORPUS_DIR PINNED_DIR")
    ycfg, corpus, pinned = sys.argv[1:]
    ycfg = os.path.abspath(ycfg)
    pinned = os.path.abspath(pinned)
    if not os.path.isdir(corpus):
        print("corpus-templates: %s does not exist; skipping" % corpus)
        return 77
    os.chdir(corpus)
    raws = sorted(os.path.join(d, f) for d in os.listdir(".")
                  if os.path.isdir(d) for f in os.listdir(d)
                  if ".rendered." not in f and not f.endswith(".md"))
    counts, only = [], []
    for raw in raws:
        rendered = os.path.splitext(raw)[0] + ".rendered.cfg"
        if not os.path.exists(rendered):
            continue
        a, b = lint(ycfg, raw), lint(ycfg, rendered)
        ca = collections.Counter(d["rule"] for d in a)
        cb = collections.Counter(d["rule"] for d in b)
        for rule in sorted(set(ca) | set(cb)):
            counts.append((raw, rule, str(ca[rule]), str(cb[rule])))
        if not ca and not cb:
            counts.append((raw, "-", "0", "0"))   # clean, and pinned so
        seen = {(d["rule"], norm(d["message"])) for d in a}
        for d in b:
            k = (raw, d["rule"], norm(d["message"]))
            if (d["rule"], k[2]) not in seen and k not in only:
                only.append(k)

    fail = 0
    old_counts = read_pinned(os.path.join(pinned, "counts.tsv"), 2)
    old_only = read_pinned(os.path.join(pinned, "rendered-only.tsv"), 3)
    update = bool(os.environ.get("YCFG_UPDATE_GOLDEN"))

    new_counts = []
    for raw, rule, na, nb in counts:
        old = old_counts.get((raw, rule), [])
        why = old[2] if len(old) > 2 and old[:2] == [na, nb] else \
            (old[2] if len(old) > 2 else "")
        if int(na) > int(nb) and not why:
            why = "TODO"
        if int(na) <= int(nb):
            why = ""
        new_counts.append((raw, rule, na, nb, why))
        if not update:
            if old[:2] != [na, nb]:
                fail += 1
                print("FAIL: %s %s: raw %s, rendered %s; pinned %s" %
                      (raw, rule, na, nb, "/".join(old[:2]) or "nothing"))
            elif int(na) > int(nb) and (len(old) < 3 or not old[2] or
                                        old[2] == "TODO"):
                fail += 1
                print("FAIL: %s %s: the raw template has more findings "
                      "(%s > %s) and no reason is written" %
                      (raw, rule, na, nb))
    for key in old_counts:
        if key not in {(r, u) for r, u, *_ in counts} and not update:
            fail += 1
            print("FAIL: %s %s: pinned but gone" % key)

    new_only = []
    for k in only:
        why = (old_only.get(k) or [""])[0] or "TODO"
        new_only.append(k + (why,))
        if not update:
            if k not in old_only:
                fail += 1
                print("FAIL: %s: rendered copy's %s not found in the raw "
                      "template: %s" % k)
            elif why == "TODO":
                fail += 1
                print("FAIL: %s %s %s: no reason written" % k)
    for k in old_only:
        if k not in only and not update:
            fail += 1
            print("FAIL: %s %s %s: pinned as rendered-only, now found in "
                  "the raw template (re-pin)" % k)

    if update:
        with open(os.path.join(pinned, "counts.tsv"), "w",
                  encoding="utf-8") as f:
            f.write("# file\trule\traw\trendered\twhy the raw template "
                    "has more (see corpus_templates.py)\n")
            for row in new_counts:
                f.write("\t".join(row).rstrip("\t") + "\n")
        with open(os.path.join(pinned, "rendered-only.tsv"), "w",
                  encoding="utf-8") as f:
            f.write("# file\trule\tmessage (normalised)\twhy the raw "
                    "template cannot have it\n")
            for row in new_only:
                f.write("\t".join(row) + "\n")
    more = sum(1 for r in new_counts if int(r[2]) > int(r[3]))
    print("corpus-templates: %d files, %d rows (%d where the raw template "
          "has more), %d rendered-only findings, %d failed" %
          (len({r[0] for r in new_counts}), len(new_counts), more,
           len(new_only), fail))
    return 1 if fail else 0


if __name__ == "__main__":
    sys.exit(main())
