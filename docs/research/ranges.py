#!/usr/bin/env python3
"""Percentiles of the signed error e = (predicted - measured) / measured per kind, for issue 10's ranges.

usage: python3 docs/research/ranges.py JAR CASES.jsonl [CASES.jsonl ...] [--cases]

Runs every case's scenario through `java -jar JAR estimate --batch -` (one JVM) and prints, per kind,
n, e10, median, e90 (linear-interpolated percentiles, as score.py and ValidationRunner compute them) and
the range factors of advice-and-prices.md: low = estimate / (1 + e90), high = estimate / (1 + e10).

Kinds: memory by method x single/multi GPU (cases with expected.peak_gib and complete: true, not
unit_uncertain); speed (expected.tokens_per_second, complete: true), all and by file.

Cases that use keys the estimator does not know yet (listed in the case's "requires") are run DOWNGRADED
and reported apart ("speed, downgraded"): training.framework megatron -> generic, training.loss fused ->
chunked, and the parallel keys dropped, so the job runs as data parallel over all its GPUs. For speed
that is the perfect-scaling proxy (TP/CP/PP groups share the FLOPs of one replica, communication and
bubbles left out); it says how far today's model is from these runs, not what the parallel model will say.
Standard library only.
"""
import json
import subprocess
import sys

PARALLEL = ("tensor_parallel", "pipeline_parallel", "virtual_pipeline_stages", "context_parallel",
            "expert_parallel", "host_memory_gib")


def downgrade(scenario):
    s = json.loads(json.dumps(scenario))
    t = s.get("training", {})
    if t.get("framework") == "megatron":
        t["framework"] = "generic"
    if t.get("loss") == "fused":
        t["loss"] = "chunked"
    if t.get("activation_checkpointing") == "selective":
        t["activation_checkpointing"] = "none"
    for k in PARALLEL:
        s.get("hardware", {}).pop(k, None)
    return s


def percentile(sorted_values, q):
    if not sorted_values:
        return float("nan")
    pos = (len(sorted_values) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def main(argv):
    show_cases = "--cases" in argv
    args = [a for a in argv if a != "--cases"]
    if len(args) < 2:
        raise SystemExit(__doc__)
    jar, files = args[0], args[1:]
    cases = []
    for f in files:
        with open(f) as fh:
            for line in fh:
                if line.strip():
                    c = json.loads(line)
                    c["_file"] = f.rsplit("/", 1)[-1]
                    c["_down"] = bool(c.get("requires"))
                    cases.append(c)
    batch = "\n".join(json.dumps(downgrade(c["scenario"]) if c["_down"] else c["scenario"]) for c in cases) + "\n"
    out = subprocess.run(["java", "-jar", jar, "estimate", "--batch", "-"], input=batch, capture_output=True,
                         text=True).stdout.splitlines()
    if len(out) != len(cases):
        raise SystemExit(f"{len(out)} results for {len(cases)} cases")
    groups = {}
    rows = []
    for c, line in zip(cases, out):
        r = json.loads(line)
        exp = c["expected"]
        if r.get("error"):
            rows.append((c["id"], "error", r["error"]))
            continue
        if not exp.get("complete", False):
            continue
        multi = c["scenario"].get("hardware", {}).get("gpu_count", 1) > 1
        method = c["scenario"].get("method", {}).get("type", "full")
        if exp.get("peak_gib") and not exp.get("unit_uncertain"):
            pred = r["memory_gib"][exp.get("metric", "peak_allocated")]
            e = (pred - exp["peak_gib"]) / exp["peak_gib"]
            for g in ("memory: all", f"memory: {method}, {'multi' if multi else 'single'}-GPU", f"memory: {method}"):
                groups.setdefault(g, []).append(e)
            rows.append((c["id"], "memory", f"{exp['peak_gib']:.2f} GiB -> {pred:.2f} ({100 * e:+.0f} %)"))
        if exp.get("case_type") in ("oom", "fits"):
            pred = r["memory_gib"][exp.get("metric", "total")]
            over = pred > exp["capacity_gib"]
            right = over if exp["case_type"] == "oom" else not over
            kind = "verdict, downgraded" if c["_down"] else "verdict"
            rows.append((c["id"], kind, f"{exp['case_type']} in {exp['capacity_gib']:.0f} GiB -> estimate "
                                         f"{pred:.1f} GiB: {'right' if right else 'WRONG'}"))
        if exp.get("tokens_per_second"):
            pred = (r.get("time") or {}).get("tokens_per_second")
            if pred is None:
                continue
            e = (pred - exp["tokens_per_second"]) / exp["tokens_per_second"]
            kind = "speed, downgraded" if c["_down"] else "speed"
            for g in (f"{kind}: all", f"{kind}: {c['_file']}", f"{kind}: {method}"):
                groups.setdefault(g, []).append(e)
            rows.append((c["id"], kind, f"{exp['tokens_per_second']:.0f} tok/s -> {pred:.0f} ({100 * e:+.0f} %)"))
    print(f"{'kind':44s} {'n':>3s} {'e10':>7s} {'median':>7s} {'e90':>7s}   range = estimate x [low, high]")
    for g in sorted(groups, key=lambda k: (k.split(':')[0], k)):
        v = sorted(groups[g])
        e10, med, e90 = percentile(v, 0.1), percentile(v, 0.5), percentile(v, 0.9)
        print(f"{g:44s} {len(v):3d} {100 * e10:+6.0f}% {100 * med:+6.0f}% {100 * e90:+6.0f}%"
              f"   [{1 / (1 + e90):.2f}, {1 / (1 + e10):.2f}]")
    if show_cases:
        print()
        for row in rows:
            print(f"{row[0]:52s} {row[1]:18s} {row[2]}")


if __name__ == "__main__":
    main(sys.argv[1:])
