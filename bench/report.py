"""Writes bench/RESULTS.md (a table per operation) and bench/chart.html (throughput and p99 bars, inline SVG)."""
import json
import os
import sys
from datetime import datetime, timezone

results_file, md_file, html_file, duration, connections = sys.argv[1:]
rows = [json.loads(line) for line in open(results_file) if line.strip()]
api = [r for r in rows if "rps" in r]
pg = {r["operation"]: r for r in rows if "pgbench_tps" in r}
stale = next((r for r in rows if "staleness_ms" in r), None)
startup = [r for r in rows if "startup_ms" in r]
reference = {"search-chamber-newest": "pg-chamber-newest", "search-chamber-newest-anonymous": "pg-chamber-newest",
             "search-chamber-newest-nocounts": "pg-chamber-newest", "search-broad": "pg-search-broad"}
# operations held to another operation of the same run (same headers, same token)
floor = {"portal-shell": "typename", "search-chamber-newest-cached": "typename-anonymous"}
rps = {r["operation"]: r["rps"] for r in api}

lines = [f"# Benchmark results", "",
         f"Run {datetime.fromtimestamp(os.path.getmtime(results_file), timezone.utc):%Y-%m-%d %H:%M} UTC, {connections} connections, {duration} s per operation, "
         "load generator (wrk, 2 threads) on the same 2-core machine as the API and PostgreSQL.", "",
         "| operation | req/s | p50 ms | p95 ms | p99 ms | errors | SQL statements / request | round trips / request | API CPU ms / request | PostgreSQL CPU ms / request | peak heap MB | peak RSS MB | vs reference |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
for r in api:
    errors = r["http_errors"] + r["socket_errors"] + r["graphql_errors"]
    ref = pg.get(reference.get(r["operation"], ""))
    ratio = f"{r['rps'] / ref['pgbench_tps']:.2f} of {ref['pgbench_tps']:.0f} TPS" if ref else ""
    if rps.get(floor.get(r["operation"], "")):
        ratio = f"{r['rps'] / rps[floor[r['operation']]]:.2f} of {floor[r['operation']]}"
    if "cache_hit_ratio" in r and r["operation"].endswith("-cached"):
        ratio += f", hit ratio {r['cache_hit_ratio']:.4f}"
    lines.append(f"| {r['operation']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {errors} "
                 f"| {r['sql_per_request']} | {r.get('round_trips_per_request', '')} | {r.get('api_cpu_ms', '')} | {r.get('pg_cpu_ms', '')} | {r['peak_heap_mb']} | {r['rss_peak_mb']} | {ratio} |")
if api:
    lines += ["", f"Peak heap over all operations: {max(r['peak_heap_mb'] for r in api)} MB (the API runs with -Xmx256m), "
              f"peak RSS {max(r['rss_peak_mb'] for r in api)} MB."]
lines += ["", "Physical reference, pgbench on the same database and concurrency:", "",
          "| script | TPS | latency avg ms |", "|---|---:|---:|"]
for name, r in pg.items():
    lines.append(f"| {name} | {r['pgbench_tps']:.0f} | {r['pgbench_latency_ms']:.1f} |")
if startup:
    lines += ["", "Startup to ready (launch to the first successful /actuator/health; PostgreSQL and Keycloak already up; "
              "bench/startup.sh):", "",
              "| startup | JDK | median ms | min ms | runs ms | CPU ms (median) | Spring's \"Started in\" s | command |",
              "|---|---|---:|---:|---|---:|---:|---|"]
    for r in startup:
        lines.append(f"| {r['operation']} | {r['jdk']} | {r['startup_ms']:.0f} | {r['startup_min_ms']} "
                     f"| {', '.join(str(x) for x in r['startup_runs_ms'])} | {r['cpu_ms']:.0f} | {r['spring_started_s']} "
                     f"| `{r['command']}` |")
# the targets, against this run
by = {r["operation"]: r for r in api}
def check(label, ok, measured):
    lines.append(f"| {label} | {measured} | {'met' if ok else 'missed'} |")
if api:
    lines += ["", "Targets (issue 15), this run:", "", "| target | measured | |", "|---|---|---|"]
    def rate(op, label, least, p99=None):
        b = by.get(op)
        if b:
            check(label, b["rps"] >= least and (p99 is None or b["p99_ms"] < p99), f"{b['rps']:.0f} req/s, p99 {b['p99_ms']:.0f} ms")
    rate("search-chamber-newest", "a chamber's newest page with counts and facets, uncached ≥ 1,600 req/s, p99 < 50 ms", 1600, 50)
    rate("search-chamber-newest-nocounts", "the same page without counts and facets ≥ 2,000 req/s", 2000)
    rate("search-broad", "broad search ≥ 500 req/s", 500)
    rate("search-selective", "selective search ≥ 1,000 req/s, p99 < 60 ms", 1000, 60)
    rate("search-filters", "filters ≥ 1,000 req/s, p99 < 60 ms", 1000, 60)
    rate("member-profile", "MemberProfile ≥ 1,500 req/s", 1500)
    rate("listing-matches", "ListingMatches ≥ 600 req/s", 600)
    def share(op, of, label, least):
        if op in by and of in by:
            ratio = by[op]["rps"] / by[of]["rps"]
            check(label, ratio >= least, f"{ratio:.2f} × ({by[op]['rps']:.0f} / {by[of]['rps']:.0f} req/s)")
    share("portal-shell", "typename", "PortalShell ≥ 0.6 × { __typename }", 0.6)
    if "search-chamber-newest" in by and "search-chamber-newest-general" in by:
        a, b = by["search-chamber-newest"], by["search-chamber-newest-general"]
        lines.append(f"| (not a target) the newest page written in one pass against field by field | {a['rps'] / b['rps']:.2f} × "
                     f"({a['rps']:.0f} / {b['rps']:.0f} req/s; API CPU {a.get('api_cpu_ms')} / {b.get('api_cpu_ms')} ms) | |")
    share("search-chamber-newest-cached", "typename-anonymous", "cached anonymous page ≥ 0.8 × anonymous { __typename }", 0.8)
    if stale:
        check("cache staleness reported", True, f"median {stale['staleness_median_ms']} ms, max {stale['staleness_max_ms']} ms "
              f"from a listing's commit to the cached page showing it ({len(stale['staleness_ms'])} probes)")
    for op in ("search-chamber-newest", "member-profile", "portal-shell", "listing-matches"):
        if op in by:
            check(f"round trips per page 1 ({op})", by[op].get("round_trips_per_request", 99) <= 1.05,
                  f"{by[op].get('round_trips_per_request')} per request")
    peak = max(r["peak_heap_mb"] for r in api)
    check("heap < 256 MB", peak < 256, f"{peak} MB peak (-Xmx256m)")
    for r in startup:
        check(f"startup < 3 s ({r['operation']}, JDK {r['jdk']})", r["startup_ms"] < 3000, f"{r['startup_ms'] / 1000:.1f} s median")
notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notes.md")
open(md_file, "w").write("\n".join(lines) + "\n" + ("\n" + open(notes).read() if os.path.exists(notes) else ""))

width, bar = 720, 22
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{40 + bar * 2 * len(api)}" font-family="sans-serif" font-size="12">']
top = max([r["rps"] for r in api] + [1])
for i, r in enumerate(api):
    y = 20 + i * bar * 2
    w = int((width - 260) * r["rps"] / top)
    svg.append(f'<text x="0" y="{y + 15}">{r["operation"]}</text>')
    svg.append(f'<rect x="170" y="{y}" width="{w}" height="{bar - 4}" fill="#1F4E79"/>')
    svg.append(f'<text x="{175 + w}" y="{y + 15}">{r["rps"]:.0f} req/s, p99 {r["p99_ms"]:.0f} ms</text>')
svg.append("</svg>")
open(html_file, "w").write("<!doctype html><meta charset=utf-8><title>Comptoir benchmark</title><h1>Throughput per operation</h1>"
                           + "\n".join(svg) + "<pre>" + "\n".join(lines) + "</pre>")
