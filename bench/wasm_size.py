#!/usr/bin/env python3
"""wasm size per crate: `twiggy top -f json` of the built module, grouped by the crate that
owns each item (first path segment of its demangled name), plus the total and gzipped size.
Usage: bench/wasm_size.py FILE.wasm"""
import gzip, json, re, subprocess, sys
from collections import Counter

wasm = sys.argv[1]
items = json.loads(subprocess.run(["twiggy", "top", "-f", "json", wasm], capture_output=True, check=True, text=True).stdout)
by_crate = Counter()
for item in items:
    name, size = item["name"], item["shallow_size"]
    if name.startswith('"') or name.startswith("data segment") or name.startswith("custom section"):
        crate = "(names, data, sections)"
    elif name.startswith("elem[") or name.startswith("table[") or name.startswith("type[") or name.startswith("global[") or name.startswith("import ") or name.startswith("export ") or name.startswith("wasm magic") or name.startswith("code["):
        crate = "(wasm structure)"
    else:
        m = re.search(r"([A-Za-z_][A-Za-z0-9_]*)::", name.lstrip("<&*( ").replace("dyn ", "").replace("mut ", ""))
        crate = m.group(1) if m else "(other: " + name.split("::")[0][:20] + ")"
    by_crate[crate] += size
total = sum(by_crate.values())
raw = open(wasm, "rb").read()
print(f"| crate | bytes | % |\n|---|---:|---:|")
for crate, size in by_crate.most_common(14):
    print(f"| {crate} | {size:,} | {100 * size / total:.1f} |")
rest = sum(s for _, s in by_crate.most_common()[14:])
print(f"| (the rest) | {rest:,} | {100 * rest / total:.1f} |")
print(f"| **total** | {len(raw):,} ({len(gzip.compress(raw, 9)):,} gzipped) | |")
