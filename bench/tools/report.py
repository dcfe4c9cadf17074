#!/usr/bin/env python3
"""Records benchmark rounds and turns them into bench/results/latest.{json,md,svg}.

    report.py wrk     --work DIR --target T --provider P --scenario S --round N
                      --file WRK_OUTPUT --cpu-before US --cpu-after US
    report.py pgbench --work DIR --scenario S --round N --file PGBENCH_OUTPUT --logs GLOB [--target database]
    report.py skip    --work DIR --target T --provider P --scenario S --reason TEXT
    report.py report  --work DIR --out DIR
    report.py render  --out DIR      (rewrites latest.md and latest.svg from DIR/latest.json)

`wrk` and `pgbench` parse one round's output and append it to DIR/rounds.jsonl; `report`
takes the median of the rounds of each scenario (the warm-up round is never recorded), adds
the memory and start-up files run.sh left in DIR, compares each result with its baseline and
goal, and writes the three result files. Standard library only.
"""

import argparse
import glob
import html
import json
import os
import re
import statistics
import sys

# scenario id -> (label, HTTP request)
SCENARIOS = {
    "login": ("login", "POST /api/v1/auth/login"),
    "me": ("get me (stand-in)", "GET /api/v1/users/me"),
    "get": ("get one task", "GET /api/v1/tasks/{id}"),
    "list": ("list 50", "GET /api/v1/tasks?limit=50"),
    "tagList": ("list 50 by tag", "GET /api/v1/tasks?tag=work&limit=50"),
    "create": ("create task", "POST /api/v1/tasks"),
    "patch": ("patch task", "PATCH /api/v1/tasks/{id}"),
    "search": ("search", "GET /api/v1/search?q={words}"),
}
# Which baseline scenario each Taskforge scenario is compared with.
KESTREL_BASELINE = {"login": "login", "me": "me", "get": "get", "list": "list", "tagList": "list",
                    "create": "create", "patch": "patch", "search": "get"}
# Bare Kestrel serves no search: its ratio is to Kestrel's "get one task", for scale only, and
# its goal is an absolute p99 (issue #11). scenario -> p99 ceiling in ms, on each provider.
LATENCY_GOALS_MS = {"search": 15.0}
# (scenario, provider) -> (baseline kind, baseline scenario, minimum ratio)
GOALS = {
    ("get", "sqlite"): ("kestrel", "get", 0.5),
    ("list", "sqlite"): ("kestrel", "list", 0.4),
    ("create", "sqlite"): ("kestrel", "create", 0.25),
    ("get", "postgres"): ("pgbench", "select", 0.4),
    ("create", "postgres"): ("pgbench", "insert", 0.6),
    ("patch", "sqlite"): ("kestrel", "patch", 0.15),
    ("patch", "postgres"): ("pgbench", "update", 0.5),
}
PGBENCH_LABELS = {"select": "pgbench PK select", "insert": "pgbench insert", "update": "pgbench update"}
RSS_GOAL_MB = 250
# Issue #8: a change reaches a connected hub client within 1 s at p99 under write load.
HUB_P99_GOAL_MS = 1000
LATENCY_CHANNELS = {"publish": "RabbitMQ publish", "mail": "mail at SMTP server", "hub": "hub client"}
STARTUP_GOAL_S = 1.5
PROVIDERS = ("sqlite", "postgres")


# ---------------------------------------------------------------- recording

UNIT = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def duration_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"unknown wrk duration {text!r}")
    return float(match.group(1)) * UNIT[match.group(2)]


def parse_wrk(text):
    result = {}
    m = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    result["rps"] = float(m.group(1)) if m else 0.0
    m = re.search(r"^\s+(\d+) requests in ([\d.]+\w+)", text, re.M)
    result["requests"] = int(m.group(1)) if m else 0
    result["seconds"] = duration_ms(m.group(2)) / 1000 if m else 0.0
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+\w+)", text, re.M)
        result[f"p{pct}Ms"] = duration_ms(m.group(1)) if m else None
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    result["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    result["socketErrors"] = sum(int(g) for g in m.groups()) if m else 0
    return result


def parse_pgbench(text, log_files):
    result = {}
    m = re.search(r"^tps = ([\d.]+)", text, re.M)
    result["rps"] = float(m.group(1)) if m else 0.0
    m = re.search(r"number of transactions actually processed: (\d+)", text)
    result["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"number of failed transactions: (\d+)", text)
    result["non2xx"] = int(m.group(1)) if m else 0
    result["socketErrors"] = 0
    latencies = []
    for path in log_files:
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3 and parts[2].isdigit():
                    latencies.append(int(parts[2]))
    latencies.sort()
    for pct in (50, 99):
        result[f"p{pct}Ms"] = (latencies[min(len(latencies) - 1, len(latencies) * pct // 100)] / 1000
                               if latencies else None)
    return result


def append(work, row):
    with open(os.path.join(work, "rounds.jsonl"), "a") as f:
        f.write(json.dumps(row) + "\n")


def cmd_wrk(args):
    with open(args.file) as f:
        row = parse_wrk(f.read())
    cpu = args.cpu_after - args.cpu_before
    with open(args.wrk_time) as f:
        user, system = (float(v) for v in f.read().split()[-2:])
    wrk_cpu = (user + system) * 1e6
    busy_before, wall_before = (int(v) for v in args.machine_before.split(":"))
    busy_after, wall_after = (int(v) for v in args.machine_after.split(":"))
    wall_us = max(wall_after - wall_before, 1)
    # The machine's busy CPU not spent by the server or wrk, as a share of all cores: other
    # processes competing with the measurement (0 on a quiet machine, give or take ~2 %).
    other = (busy_after - busy_before - cpu - wrk_cpu) / (wall_us * os.cpu_count())
    row["wrkCpuUs"] = round(wrk_cpu)
    row["otherCpuShare"] = round(max(other, 0.0), 3)
    row.update(target=args.target, provider=args.provider, scenario=args.scenario, round=args.round,
               cpuUs=cpu, cpuUsPerRequest=round(cpu / row["requests"], 1) if row["requests"] else None)
    append(args.work, row)
    print(f"    round {args.round}: {row['rps']:>9.0f} req/s  p50 {fmt_ms(row['p50Ms'])}  p99 {fmt_ms(row['p99Ms'])}"
          f"  cpu {row['cpuUsPerRequest']} us/req  other load {row['otherCpuShare']:.0%}" + errors_note(row))


def cmd_pgbench(args):
    with open(args.file) as f:
        row = parse_pgbench(f.read(), sorted(glob.glob(args.logs)))
    row.update(target=args.target, provider="postgres", scenario=args.scenario, round=args.round,
               cpuUs=None, cpuUsPerRequest=None)
    append(args.work, row)
    print(f"    round {args.round}: {row['rps']:>9.0f} tx/s   p50 {fmt_ms(row['p50Ms'])}  p99 {fmt_ms(row['p99Ms'])}"
          + errors_note(row))


def cmd_diagnostic(args):
    statuses = {}
    with open(args.file) as f:
        for line in f:
            m = re.match(r"status (\d+): (\d+) ?(.*)", line.rstrip("\n"))
            if m:
                statuses[m.group(1)] = {"count": int(m.group(2)), "sampleBody": m.group(3)}
    m = re.search(r"Socket errors: (.*)", open(args.file).read())
    row = {"target": args.target, "provider": args.provider, "scenario": args.scenario,
           "statuses": statuses, "socketErrors": m.group(1) if m else None}
    with open(os.path.join(args.work, "diagnostics.jsonl"), "a") as f:
        f.write(json.dumps(row) + "\n")
    summary = ", ".join(f"{code} x{v['count']}" for code, v in sorted(statuses.items())) or "no non-2xx answer this time"
    print(f"    errors, from a diagnostic round: {summary}"
          + (f"; socket errors: {row['socketErrors']}" if row["socketErrors"] else ""))
    for code, v in sorted(statuses.items()):
        print(f"      {code}: {v['sampleBody'][:200]}")


def cmd_skip(args):
    with open(os.path.join(args.work, "skips.jsonl"), "a") as f:
        f.write(json.dumps({"target": args.target, "provider": args.provider,
                            "scenario": args.scenario, "reason": args.reason}) + "\n")


def errors_note(row):
    bad = row["non2xx"] + row["socketErrors"]
    return f"  ({row['non2xx']} non-2xx, {row['socketErrors']} socket errors)" if bad else ""


# ---------------------------------------------------------------- reporting

def read_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def read_json(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def median_or_none(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarize(rounds):
    """Median of each measure over the rounds of one (target, provider, scenario)."""
    groups = {}
    for row in rounds:
        groups.setdefault((row["target"], row["provider"], row["scenario"]), []).append(row)
    summary = {}
    for key, rows in groups.items():
        requests = sum(r["requests"] for r in rows)
        errors = sum(r["non2xx"] + r["socketErrors"] for r in rows)
        summary[key] = {
            "rounds": len(rows),
            "rps": round(median_or_none([r["rps"] for r in rows]), 1),
            "roundsRps": [round(r["rps"], 1) for r in rows],
            "p50Ms": round_or_none(median_or_none([r["p50Ms"] for r in rows]), 3),
            "p99Ms": round_or_none(median_or_none([r["p99Ms"] for r in rows]), 3),
            "cpuUsPerRequest": round_or_none(median_or_none([r["cpuUsPerRequest"] for r in rows]), 1),
            "otherCpuShare": round_or_none(median_or_none([r.get("otherCpuShare") for r in rows]), 3),
            "requests": requests,
            "errors": errors,
            "errorRate": round(errors / requests, 4) if requests else None,
        }
    return summary


def round_or_none(value, digits):
    return None if value is None else round(value, digits)


def build(work):
    summary = summarize(read_jsonl(os.path.join(work, "rounds.jsonl")))
    skips = read_jsonl(os.path.join(work, "skips.jsonl"))
    run = read_json(os.path.join(work, "run.json")) or {}
    results, goals = [], []

    def skipped(target, provider, scenario):
        for s in skips:
            if s["target"] == target and s["provider"] == provider and s["scenario"] == scenario:
                return s["reason"]
        return None

    for provider in PROVIDERS:
        for scenario in SCENARIOS:
            own = summary.get(("taskforge", provider, scenario))
            reason = skipped("taskforge", provider, scenario)
            if own is None and reason is None:
                continue
            kestrel = summary.get(("kestrel", "none", KESTREL_BASELINE[scenario]))
            goal = GOALS.get((scenario, provider))
            base_kind, base_scenario, minimum = goal if goal else ("kestrel", KESTREL_BASELINE[scenario], None)
            if base_kind == "pgbench":
                base = summary.get(("pgbench", "postgres", base_scenario))
                base_label = PGBENCH_LABELS[base_scenario]
            else:
                base, base_label = kestrel, "bare Kestrel"
            row = {
                "scenario": scenario, "label": SCENARIOS[scenario][0], "request": SCENARIOS[scenario][1],
                "provider": provider, "skipped": reason,
                **({k: own[k] for k in ("rps", "p50Ms", "p99Ms", "cpuUsPerRequest", "otherCpuShare", "rounds", "roundsRps",
                                         "requests", "errors", "errorRate")} if own else {}),
                "baseline": base_label, "baselineRps": base["rps"] if base else None,
                "ratio": round(own["rps"] / base["rps"], 5) if own and base and base["rps"] else None,
                "kestrelRps": kestrel["rps"] if kestrel else None,
                "kestrelRatio": round(own["rps"] / kestrel["rps"], 5) if own and kestrel and kestrel["rps"] else None,
                "goal": minimum,
            }
            database = summary.get(("database", provider, scenario))
            if database:
                # The write's own statements without Taskforge (bench/floor/): the most the database
                # gives this write on this machine, and so the highest ratio Taskforge could reach.
                row["databaseRps"] = database["rps"]
                row["databaseRatio"] = round(database["rps"] / base["rps"], 5) if base and base["rps"] else None
                row["ofDatabase"] = round(own["rps"] / database["rps"], 3) if own and database["rps"] else None
            ceiling = LATENCY_GOALS_MS.get(scenario)
            if ceiling is not None:
                row["baseline"] = "bare Kestrel get one task"
                row["p99GoalMs"] = ceiling
                p99 = own["p99Ms"] if own else None
                row["met"] = None if p99 is None else p99 <= ceiling
                if own and own["errorRate"] and own["errorRate"] > 0.01:
                    row["met"] = False
                goals.append({"goal": f"{provider}: {row['label']} p99 <= {ceiling:g} ms", "value": p99, "met": row["met"],
                              "note": reason or (f"{own['errors']} errors" if own and own["errors"] else None)})
            if minimum is not None:
                row["met"] = None if row["ratio"] is None else row["ratio"] >= minimum
                if own and own["errorRate"] and own["errorRate"] > 0.01:
                    row["met"] = False
                goals.append({"goal": f"{provider}: {row['label']} >= {minimum} x {base_label}",
                              "value": row["ratio"], "met": row["met"],
                              "note": reason or (f"{own['errors']} errors" if own and own["errors"] else None)})
            results.append(row)

    baselines = [{"target": t, "scenario": s, **v} for (t, p, s), v in sorted(summary.items())
                 if t not in ("taskforge", "database")]

    resources = []
    for provider in PROVIDERS:
        memory = read_json(os.path.join(work, f"memory-{provider}.json"))
        startup = read_json(os.path.join(work, f"startup-{provider}.json"))
        if memory is None and startup is None:
            continue
        peak_mb = round(max(memory["peakRssKb"], memory["vmHwmKb"]) / 1024, 1) if memory else None
        start_s = startup["medianSeconds"] if startup else None
        resources.append({"provider": provider, "peakRssMb": peak_mb, "memory": memory,
                          "startToReadySeconds": start_s, "startup": startup})
        goals.append({"goal": f"{provider}: resident memory under load <= {RSS_GOAL_MB} MB", "value": peak_mb,
                      "met": None if peak_mb is None else peak_mb <= RSS_GOAL_MB, "note": None})
        goals.append({"goal": f"{provider}: start to ready <= {STARTUP_GOAL_S} s", "value": start_s,
                      "met": None if start_s is None else start_s <= STARTUP_GOAL_S, "note": None})

    latency = latency_results(work, goals)

    seeds = {p: read_json(os.path.join(work, f"seed-{p}.json")) for p in PROVIDERS}
    report = {"run": run, "results": results, "baselines": baselines, "resources": resources,
              "goals": goals, "seed": {p: s for p, s in seeds.items() if s}, "skips": skips,
              "errors": read_jsonl(os.path.join(work, "diagnostics.jsonl"))}
    if latency:
        report["latency"] = latency
    return report


def latency_results(work, goals):
    """bench/tools/latency.mjs's figures per provider (absent with BENCH_LATENCY=0), and the hub goal."""
    latency = {}
    for provider in PROVIDERS:
        data = read_json(os.path.join(work, f"latency-{provider}.json"))
        if data is None:
            continue
        latency[provider] = data
        if data.get("error"):
            goals.append({"goal": f"{provider}: hub client p99 <= {HUB_P99_GOAL_MS} ms under write load", "value": None,
                          "met": None, "note": f"measurement failed: {data['error'][:200]}"})
            continue
        for phase in data["phases"]:
            hub = phase["channels"].get("hub")
            if not hub:
                continue
            p99 = hub["from201"]["p99Ms"]
            # Events that never arrived fail the goal whatever the others' latency.
            met = None if not hub["expected"] else (hub["missing"] == 0 and p99 is not None and p99 <= HUB_P99_GOAL_MS)
            goals.append({"goal": f"{provider}: hub client p99 <= {HUB_P99_GOAL_MS} ms ({phase['phase']} writes)",
                          "value": p99, "met": met,
                          "note": f"{hub['missing']} of {hub['expected']} never arrived" if hub["missing"] else None})
    return latency


def fmt_ms(value):
    if value is None:
        return "-"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    return f"{value * 1000:.0f} µs" if value < 1 else f"{value:.2f} ms"


def fmt(value, spec="{:.0f}"):
    return "-" if value is None else spec.format(value)


def fmt_share(value):
    return "-" if value is None else f"{value:.0%}"


def fmt_ratio(value):
    if value is None:
        return "-"
    return f"{value:.3f}" if value >= 0.01 else f"{value:.2g}"


def goal_text(row):
    if row.get("p99GoalMs") is not None:
        return f"p99 ≤ {row['p99GoalMs']:g} ms"
    return fmt(row["goal"], "≥ {}")


def met_text(met):
    return "n/a" if met is None else ("met" if met else "NOT met")


def markdown(report):
    run = report["run"]
    lines = ["# Taskforge benchmark: latest run", ""]
    lines.append(f"Run {run.get('startedAt', '?')} of {run.get('app', '?')} at commit `{run.get('commit', '?')}`, "
                 f"{run.get('cores', '?')} cores; "
                 f"wrk `-t{run.get('wrkThreads')} -c{run.get('connections')} -d{run.get('durationSeconds')}s`, "
                 f"median of {run.get('rounds')} rounds after a {run.get('warmupSeconds')} s warm-up. "
                 "Ratio = Taskforge rps / baseline rps. See bench/README.md for how to read this.")
    busy = [r for r in report["results"] + report["baselines"] if (r.get("otherCpuShare") or 0) > 0.1]
    if busy:
        lines += ["", f"**Caution**: other processes took more than 10 % of the machine's CPU during {len(busy)} "
                  "measurement(s) (column *other load*); their rps is lower than a quiet machine would give, "
                  "and ratios are only as fair as the load was even."]
    lines += ["", "| scenario | provider | rps | p50 | p99 | CPU-µs/req | baseline | baseline rps | ratio | goal | met | other load |",
              "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|---:|"]
    for r in report["results"]:
        if r["skipped"]:
            lines.append(f"| {r['label']} | {r['provider']} | skipped: {r['skipped']} | | | | {r['baseline']} | "
                         f"{fmt(r['baselineRps'])} | | {goal_text(r)} | n/a | |")
            continue
        errors = f" ({r['errors']} errors)" if r.get("errors") else ""
        lines.append(f"| {r['label']} | {r['provider']} | {fmt(r['rps'])}{errors} | {fmt_ms(r['p50Ms'])} | "
                     f"{fmt_ms(r['p99Ms'])} | {fmt(r['cpuUsPerRequest'])} | {r['baseline']} | {fmt(r['baselineRps'])} | "
                     f"{fmt_ratio(r['ratio'])} | {goal_text(r)} | "
                     f"{met_text(r.get('met')) if r['goal'] is not None or r.get('p99GoalMs') else ''} | "
                     f"{fmt_share(r.get('otherCpuShare'))} |")
    floors = [r for r in report["results"] if r.get("databaseRps")]
    if floors:
        lines += ["", "## The database alone", "",
                  "Each write's own statements run without Taskforge (no HTTP, authentication, JSON or event delivery), "
                  "pgbench with `bench/floor/*.sql` on PostgreSQL (each transaction pipelined as Taskforge sends it, "
                  "from as many clients as Taskforge's writers' pool has connections), "
                  "`bench/tools/sqlite_floor.py` on SQLite (one writer, groups of 8 writes per commit). "
                  "*Ceiling* is that rate over the scenario's baseline: the highest ratio Taskforge could reach "
                  "on this machine if it cost nothing itself (and took no CPU from the database).", "",
                  "| scenario | provider | database alone, writes/s | ceiling ratio | goal | Taskforge rps | Taskforge ÷ database alone |",
                  "|---|---|---:|---:|---:|---:|---:|"]
        for r in floors:
            lines.append(f"| {r['label']} | {r['provider']} | {fmt(r['databaseRps'])} | {fmt_ratio(r.get('databaseRatio'))} | "
                         f"{goal_text(r)} | {fmt(r.get('rps'))} | {fmt(r.get('ofDatabase'), '{:.2f}')} |")
    lines += ["", "## Baselines", "", "| baseline | scenario | rps | p50 | p99 | CPU-µs/req | other load |",
              "|---|---|---:|---:|---:|---:|---:|"]
    for b in report["baselines"]:
        name = "bare Kestrel" if b["target"] == "kestrel" else PGBENCH_LABELS.get(b["scenario"], b["target"])
        lines.append(f"| {name} | {b['scenario']} | {fmt(b['rps'])} | {fmt_ms(b['p50Ms'])} | {fmt_ms(b['p99Ms'])} | "
                     f"{fmt(b['cpuUsPerRequest'])} | {fmt_share(b.get('otherCpuShare'))} |")
    lines += ["", "## Resources", "", "| provider | peak RSS under load | start to ready (median) | starts |",
              "|---|---:|---:|---|"]
    for r in report["resources"]:
        runs = ", ".join(f"{s:.3f}" for s in (r["startup"] or {}).get("runsSeconds", []))
        lines.append(f"| {r['provider']} | {fmt(r['peakRssMb'], '{:.1f} MB')} | {fmt(r['startToReadySeconds'], '{:.3f} s')} | {runs} |")
    lines += ["", "## Goals", ""]
    for g in report["goals"]:
        note = f" ({g['note']})" if g["note"] else ""
        lines.append(f"- **{met_text(g['met'])}**: {g['goal']}: {fmt(g['value'], '{}')}{note}")
    if report.get("latency"):
        lines += latency_markdown(report["latency"])
    if report.get("errors"):
        lines += ["", "## Errors", "",
                  "Scenarios with non-2xx answers or socket errors in a measured round; the statuses come from "
                  "one extra round (not counted) that tallied them.", ""]
        for e in report["errors"]:
            statuses = "; ".join(f"{code} ×{v['count']}: `{v['sampleBody'][:160]}`" for code, v in sorted(e["statuses"].items()))
            lines.append(f"- {e['target']}/{e['provider']} {e['scenario']}: {statuses or 'none in the diagnostic round'}"
                         + (f"; socket errors: {e['socketErrors']}" if e.get("socketErrors") else ""))
    if report["seed"]:
        lines += ["", "## Data", ""]
        for provider, s in report["seed"].items():
            if s["tasks"]:
                data = (f"{s['tasks']} tasks for the measured user, {s['otherUsers']} other users with "
                        f"{s['tasksPerOtherUser']} tasks each; the page of `?tag={s['commonTag']}&limit=50` held "
                        f"{s.get('tagPageItems')} items")
            else:
                data = f"no tasks (the task endpoints are missing); the measured user and {s['otherUsers']} other users"
            lines.append(f"- {provider}: {data}; seeding took {s['seedSeconds']} s")
    return "\n".join(lines) + "\n"


def latency_markdown(latency):
    lines = ["", "## Delivery lag and hub latency (issues #7, #8)", "",
             "`bench/tools/latency.mjs`: writers create tasks as the measured user while one loop registers new users; "
             "each task.created event is awaited on the hub client and on a RabbitMQ consumer, each registration's "
             "user.registered event on RabbitMQ and its welcome mail at the SMTP server. *from 201*: receipt minus "
             "the write's 201 at the client (after the commit: a slight understatement; negative when the event "
             "overtook the answer). *from occurredAt*: receipt minus the event's occurredAt, stamped in the write's "
             "transaction (before the commit: a slight overstatement). The commit lies between the two. "
             "*received* counts each hub client's receipt; *missing* is what never arrived within the drain time.", "",
             "| provider | phase | writes/s | write p50 / p99 | channel | received | missing | p50 from 201 | p99 from 201 "
             "| p50 from occurredAt | p99 from occurredAt |",
             "|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"]
    notes = []
    for provider, data in latency.items():
        if data.get("error"):
            lines.append(f"| {provider} | measurement failed: {data['error'][:200]} | | | | | | | | | |")
            continue
        settings = data.get("settings", {})
        for phase in data["phases"]:
            pace = f"{phase['writesPerSecond']:.0f}" + (f" (paced at {phase['targetWritesPerSecond']})"
                                                         if phase.get("targetWritesPerSecond") else " (unpaced)")
            write = f"{fmt_ms(phase['writeLatency']['p50Ms'])} / {fmt_ms(phase['writeLatency']['p99Ms'])}"
            for channel, label in LATENCY_CHANNELS.items():
                c = phase["channels"].get(channel)
                if c is None:
                    continue
                a, b = c["from201"], c["fromOccurredAt"]
                lines.append(f"| {provider} | {phase['phase']} | {pace} | {write} | {label} | {a['count']} | "
                             f"{c['missing']} of {c['expected']} | {fmt_ms(a['p50Ms'])} | {fmt_ms(a['p99Ms'])} | "
                             f"{fmt_ms(b['p50Ms'])} | {fmt_ms(b['p99Ms'])} |")
        errors = [f"{p['phase']}: {p['errors']} write errors (last: `{(p.get('lastError') or '')[:120]}`)"
                  for p in data["phases"] if p.get("errors")]
        backlog = data.get("backlog")
        if backlog:
            start = backlog["atStart"]
            notes.append(f"- {provider}: before measuring, {fmt(start.get('events'))} events were waiting (oldest "
                         f"{fmt(start.get('oldestAgeSeconds'), '{:.0f} s')}); "
                         + (f"delivered in {backlog['seconds']:.0f} s" if backlog["settled"] else
                            f"**{fmt(backlog['atEnd'].get('events'))} still waiting after {backlog['seconds']:.0f} s: "
                            "the new events queued behind them, so these lags include that backlog**"))
        notes.append(f"- {provider}: {settings.get('writers')} writers, {settings.get('registrationRate')} registrations/s, "
                     f"{settings.get('hubClients')} hub client(s) over WebSockets"
                     + ("" if settings.get("rabbitMq") else ", no RabbitMQ (publish lag not measured)")
                     + (("; " + "; ".join(errors)) if errors else ""))
    return lines + [""] + notes


def svg(report):
    bars = [r for r in report["results"] if r.get("ratio") is not None or r["goal"] is not None]
    width, left, right, row_h, top = 900, 330, 50, 26, 50
    height = top + row_h * max(len(bars), 1) + 50
    plot_w = width - left - right
    top_ratio = max([1.0] + [r["ratio"] or 0 for r in bars] + [r["goal"] or 0 for r in bars])
    scale = plot_w / top_ratio
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">'
           'Taskforge throughput / baseline throughput</text>',
           f'<text x="{width / 2}" y="37" text-anchor="middle" fill="#555">bar: ratio (green: goal met, red: not met, '
           'grey: no goal); black tick: goal</text>']
    for tick in [i / 4 for i in range(int(top_ratio * 4) + 1)]:
        x = left + tick * scale
        out.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 40}" stroke="#e4e4e4"/>')
        out.append(f'<text x="{x:.1f}" y="{height - 26}" text-anchor="middle" fill="#555">{tick:g}</text>')
    for i, r in enumerate(bars):
        y = top + i * row_h
        label = html.escape(f"{r['label']} ({r['provider']}) vs {r['baseline']}")
        out.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end">{label}</text>')
        if r.get("ratio") is not None:
            color = "#9e9e9e" if r["goal"] is None else ("#2e7d32" if r.get("met") else "#c62828")
            w = max(r["ratio"] * scale, 1)
            out.append(f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{color}"/>')
            out.append(f'<text x="{left + w + 4:.1f}" y="{y + 16}">{fmt_ratio(r["ratio"])}</text>')
        else:
            out.append(f'<text x="{left + 4}" y="{y + 16}" fill="#777">skipped: {html.escape(r["skipped"] or "no data")}</text>')
        if r["goal"] is not None:
            x = left + r["goal"] * scale
            out.append(f'<line x1="{x:.1f}" y1="{y + 1}" x2="{x:.1f}" y2="{y + row_h - 1}" stroke="black" stroke-width="3"/>')
    out.append(f'<text x="{left + plot_w / 2}" y="{height - 8}" text-anchor="middle" fill="#555">ratio</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def cmd_report(args):
    report = build(args.work)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "latest.json"), "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    render(report, args.out)


def cmd_render(args):
    with open(os.path.join(args.out, "latest.json")) as f:
        render(json.load(f), args.out)


def render(report, out):
    md = markdown(report)
    with open(os.path.join(out, "latest.md"), "w") as f:
        f.write(md)
    with open(os.path.join(out, "latest.svg"), "w") as f:
        f.write(svg(report))
    print(md)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("wrk")
    for name in ("--work", "--target", "--provider", "--scenario", "--file"):
        p.add_argument(name, required=True)
    p.add_argument("--round", type=int, required=True)
    p.add_argument("--cpu-before", type=int, required=True)
    p.add_argument("--cpu-after", type=int, required=True)
    p.add_argument("--machine-before", required=True, help="busy_us:wall_us from procstat.py machine")
    p.add_argument("--machine-after", required=True, help="busy_us:wall_us from procstat.py machine")
    p.add_argument("--wrk-time", required=True)
    p.set_defaults(func=cmd_wrk)
    p = sub.add_parser("pgbench")
    for name in ("--work", "--scenario", "--file", "--logs"):
        p.add_argument(name, required=True)
    p.add_argument("--round", type=int, required=True)
    p.add_argument("--target", default="pgbench",
                   help="pgbench (a baseline) or database (a write's own statements, bench/floor/)")
    p.set_defaults(func=cmd_pgbench)
    p = sub.add_parser("diagnostic")
    for name in ("--work", "--target", "--provider", "--scenario", "--file"):
        p.add_argument(name, required=True)
    p.set_defaults(func=cmd_diagnostic)
    p = sub.add_parser("skip")
    for name in ("--work", "--target", "--provider", "--scenario", "--reason"):
        p.add_argument(name, required=True)
    p.set_defaults(func=cmd_skip)
    p = sub.add_parser("report")
    p.add_argument("--work", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_report)
    p = sub.add_parser("render", help="rewrite latest.md and latest.svg from OUT/latest.json")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_render)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    sys.exit(main())
