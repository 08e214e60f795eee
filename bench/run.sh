#!/usr/bin/env bash
# The benchmark: builds (once) the network-sized database, starts the API on it with its local Keycloak,
# drives the contract's operations with wrk, runs the same SQL with pgbench at the same concurrency, and
# writes bench/RESULTS.md and bench/chart.html.
#   bench/run.sh                 full run (60 chambers, 100,000 companies, 1,000,000 listings)
#   DURATION=10 bench/run.sh     shorter runs
#   SMOKE=1 bench/run.sh         tiny database and 3-second runs: checks that the machinery works
#   SKIP_STARTUP=1 bench/run.sh  without the startup measurement (bench/startup.sh) at the end
#   RESPONSE_CACHE=false bench/run.sh  with the response cache of anonymous pages off (every measured read but the
#                                cached one asks a fresh answer anyway: Cache-Control: no-cache)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${DURATION:-30}
# seconds of load per operation in a warm-up pass over all reads, and again before each measured run: the JIT
# compiles the API's hot paths for over a minute
WARMUP=${WARMUP:-15}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-8090}
KC_PORT=${KC_PORT:-8183}
if [ -n "${SMOKE:-}" ]; then
  DURATION=3; WARMUP=1; SIZE="--comptoir.generate.chambers=8 --comptoir.generate.members=2000 --comptoir.generate.listings=20000"
  DATA=${BENCH_DATA_DIR:-$ROOT/bench/target/smoke-data}
else
  SIZE="--comptoir.generate.chambers=60 --comptoir.generate.members=100000 --comptoir.generate.listings=1000000"
  DATA=${BENCH_DATA_DIR:-$HOME/.comptoir-bench}
fi
OUT=$ROOT/bench/target; mkdir -p "$OUT"
RESULTS=$OUT/results.jsonl; : > "$RESULTS"
# JAR=...: another build's local jar (an older commit, to compare on the same database)
JAR=${JAR:-$ROOT/local/target/comptoir-local.jar}
[ -f "$JAR" ] || ./mvnw -q package -DskipTests
command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install wrk)"; exit 1; }
command -v pgbench >/dev/null || { echo "pgbench is needed (Debian: apt-get install postgresql-client / postgresql-contrib)"; exit 1; }

if [ ! -f "$DATA/.generated" ]; then
  echo "== generating the database in $DATA (minutes)"
  # no Keycloak needed to generate: an unreachable one, the settings an external Keycloak requires, and the
  # demo companies (the benchmark signs in as their owners)
  COMPTOIR_DATA_DIR=$DATA java -Xmx4g -jar "$JAR" --comptoir.keycloak.url=http://127.0.0.1:1 --server.port=0 $SIZE \
    --comptoir.keycloak.provisioning-client-secret=unused --comptoir.mail.host=127.0.0.1 --comptoir.demo-data=true \
    > "$OUT/generate.log" 2>&1
  grep -E "Generated .* in" "$OUT/generate.log" | tail -1
  touch "$DATA/.generated"
fi

echo "== starting the API on :$PORT (Keycloak :$KC_PORT), heap at most 256 MB"
COMPTOIR_DATA_DIR=$DATA java -Xmx256m -jar "$JAR" --server.port=$PORT --comptoir.keycloak.local-port=$KC_PORT \
  --management.endpoints.web.exposure.include=health,metrics --logging.level.root=warn --logging.level.org.comptoir=info \
  --comptoir.response-cache.enabled=${RESPONSE_CACHE:-true} \
  --comptoir.rate-limit.per-client.capacity=100000000 --comptoir.rate-limit.per-client.refill=100000000 \
  --comptoir.rate-limit.per-chamber.capacity=100000000 --comptoir.rate-limit.per-chamber.refill=100000000 \
  --comptoir.rate-limit.per-chamber-anonymous.capacity=100000000 --comptoir.rate-limit.per-chamber-anonymous.refill=100000000 \
  > "$OUT/api.log" 2>&1 &
API_PID=$!
trap 'kill $API_PID 2>/dev/null; wait $API_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf "localhost:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
curl -sf "localhost:$PORT/actuator/health" >/dev/null || { echo "API did not start, see $OUT/api.log"; exit 1; }
PG_PORT=$(grep -o "ready on port [0-9]*" "$OUT/api.log" | grep -o "[0-9]*$" | tail -1)

token() { curl -s "http://127.0.0.1:$KC_PORT/realms/$1/protocol/openid-connect/token" -d grant_type=password \
  -d client_id=portal -d "username=$2" -d password=demo | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'; }
OWNER_TOKEN=$(token senegal owner@senegal.test)
MAROC_TOKEN=$(token maroc owner@maroc.test)

python3 bench/bodies.py "$PORT" "$OUT/bodies" "$OWNER_TOKEN" "$MAROC_TOKEN"

metric() { curl -s "localhost:$PORT/actuator/metrics/$1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(int(d["measurements"][0]["value"]))' 2>/dev/null || echo 0; }
heap() { curl -s "localhost:$PORT/actuator/metrics/jvm.memory.used?tag=area:heap" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["measurements"][0]["value"]))'; }

# CPU ticks (user + system) of the API, and of PostgreSQL's postmaster and its children
api_ticks() { awk '{print $14 + $15}' /proc/$API_PID/stat; }
pg_ticks() {
  local main t=0 p; main=$(head -1 "$DATA/postgres/postmaster.pid")
  for p in $main $(pgrep -P "$main"); do t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null || echo 0))); done
  echo $t
}

run_op() { # name tenant token body [cached: anything]
  local name=$1 tenant=$2 tok=$3 body=$4
  local nocache=1; [ -n "${5:-}" ] && nocache=
  export NOCACHE=$nocache
  TENANT=$tenant TOKEN=$tok BODY=$body wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/wrk/graphql.lua "http://localhost:$PORT/graphql" >/dev/null 2>&1 || true
  local before; before=$(metric comptoir.sql.statements)
  local trips0; trips0=$(metric comptoir.sql.round-trips)
  local hits0 misses0; hits0=$(metric comptoir.response-cache.hits); misses0=$(metric comptoir.response-cache.misses)
  local api0 pg0; api0=$(api_ticks); pg0=$(pg_ticks)
  local peak=0
  ( while kill -0 $API_PID 2>/dev/null; do heap >> "$OUT/heap.$name" 2>/dev/null; sleep 1; done ) & local sampler=$!
  local line
  line=$(TENANT=$tenant TOKEN=$tok BODY=$body wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/wrk/graphql.lua \
    "http://localhost:$PORT/graphql" 2>"$OUT/wrk.$name.err" | grep '^RESULT' | sed 's/^RESULT //')
  kill $sampler 2>/dev/null || true
  local after; after=$(metric comptoir.sql.statements)
  local trips1; trips1=$(metric comptoir.sql.round-trips)
  local hits1 misses1; hits1=$(metric comptoir.response-cache.hits); misses1=$(metric comptoir.response-cache.misses)
  local api1 pg1; api1=$(api_ticks); pg1=$(pg_ticks)
  peak=$(sort -n "$OUT/heap.$name" 2>/dev/null | tail -1); rm -f "$OUT/heap.$name"
  local rss; rss=$(grep VmHWM /proc/$API_PID/status | awk '{print $2}')
  python3 - "$name" "$line" "$before" "$after" "${peak:-0}" "$rss" "$((api1 - api0))" "$((pg1 - pg0))" "$(getconf CLK_TCK)" \
    "$((trips1 - trips0))" "$((hits1 - hits0))" "$((misses1 - misses0))" >> "$RESULTS" <<'PY'
import json, sys
name, line, before, after, peak, rss, api_ticks, pg_ticks, hz, trips, hits, misses = sys.argv[1:]
r = json.loads(line); r["operation"] = name
# CPU time per request of the API process and of all PostgreSQL processes (from /proc), in ms
r["api_cpu_ms"] = round(int(api_ticks) * 1000 / int(hz) / max(1, r["requests"]), 2)
r["pg_cpu_ms"] = round(int(pg_ticks) * 1000 / int(hz) / max(1, r["requests"]), 2)
r["sql_per_request"] = round((int(after) - int(before)) / max(1, r["requests"]), 2)
r["round_trips_per_request"] = round(int(trips) / max(1, r["requests"]), 2)
r["peak_heap_mb"] = round(int(peak) / 1048576); r["rss_peak_mb"] = round(int(rss) / 1024)
if int(hits) + int(misses) > 0:
    r["cache_hit_ratio"] = round(int(hits) / (int(hits) + int(misses)), 4)
print(json.dumps(r))
PY
  tail -1 "$RESULTS"
}

run_pgbench() { # name script
  local line
  # the chamber as a setting of each session, as the API keeps it on its pooled connections
  line=$(PGOPTIONS="-c app.tenant_id=6303a707-c81f-39bc-bfea-bc396171ee5b -c plan_cache_mode=force_custom_plan" PGPASSWORD=comptoir_app pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U comptoir_app -c "$CONNECTIONS" -j "$THREADS" \
    -T "$DURATION" -f "bench/pgbench/$2.sql" postgres 2>&1 | grep -E "^tps|latency average" | tr '\n' ' ' || true)
  python3 - "$1" "$line" >> "$RESULTS" <<'PY'
import json, re, sys
name, line = sys.argv[1:]
tps = float(re.search(r"tps = ([0-9.]+)", line).group(1))
lat = float(re.search(r"latency average = ([0-9.]+)", line).group(1))
print(json.dumps({"operation": name, "pgbench_tps": tps, "pgbench_latency_ms": lat}))
PY
  tail -1 "$RESULTS"
}

echo "== warming up the JIT: every read operation for ${WARMUP} s"
for op in search-broad search-selective search-filters search-chamber-newest member-profile typename portal-shell listing-matches; do
  [ -f "$OUT/bodies/$op.json" ] && TENANT=senegal TOKEN=$OWNER_TOKEN BODY=$OUT/bodies/$op.json wrk -t"$THREADS" -c"$CONNECTIONS" \
    -d"${WARMUP}s" -s bench/wrk/graphql.lua "http://localhost:$PORT/graphql" >/dev/null 2>&1 || true
done

echo "== API"
# reads carry the signed-in senegal owner's token, as a portal sends it; typename is the floor PortalShell is held to
run_op search-broad        senegal "$OWNER_TOKEN" "$OUT/bodies/search-broad.json"
run_op search-selective    senegal "$OWNER_TOKEN" "$OUT/bodies/search-selective.json"
run_op search-filters      senegal "$OWNER_TOKEN" "$OUT/bodies/search-filters.json"
run_op search-chamber-newest senegal "$OWNER_TOKEN" "$OUT/bodies/search-chamber-newest.json"
run_op search-chamber-newest-nocounts senegal "$OWNER_TOKEN" "$OUT/bodies/search-chamber-newest-nocounts.json"
# the same page field by field (graphql-java), beside the compiled pass
run_op search-chamber-newest-general senegal "$OWNER_TOKEN" "$OUT/bodies/search-chamber-newest-general.json"
run_op search-chamber-newest-anonymous senegal "" "$OUT/bodies/search-chamber-newest.json"
# the response cache: the same anonymous page, kept (reported apart; uncached is the headline)
run_op search-chamber-newest-cached senegal "" "$OUT/bodies/search-chamber-newest.json" cached
run_op typename-anonymous  senegal "" "$OUT/bodies/typename.json"
run_op member-profile      senegal "$OWNER_TOKEN" "$OUT/bodies/member-profile.json"
run_op typename            senegal "$OWNER_TOKEN" "$OUT/bodies/typename.json"
run_op portal-shell        senegal "$OWNER_TOKEN" "$OUT/bodies/portal-shell.json"
[ -f "$OUT/bodies/listing-matches.json" ] && run_op listing-matches senegal "$OWNER_TOKEN" "$OUT/bodies/listing-matches.json"
run_op create-listing      senegal "$OWNER_TOKEN" "$OUT/bodies/create-listing.json"
[ -f "$OUT/bodies/send-message.json" ] && run_op send-message senegal "$OWNER_TOKEN" "$OUT/bodies/send-message.json"

echo "== staleness: a listing published, then the time until the cached anonymous page shows it"
python3 bench/staleness.py "$PORT" "$OWNER_TOKEN" "$OUT/bodies/search-chamber-newest.json" >> "$RESULTS" || echo "staleness probe failed"
tail -1 "$RESULTS"

echo "== pgbench (same database, same concurrency)"
run_pgbench pg-chamber-newest newest
run_pgbench pg-newest-plain newest-plain
run_pgbench pg-search-broad broad
[ -n "${NAIVE:-}" ] && run_pgbench pg-search-broad-naive broad-naive

if [ -n "${PLANS:-}" ]; then
  echo "== plans: the newest page prepared (-M prepared), generic (plan_cache_mode auto) against custom, a large and a small chamber"
  : > "$OUT/plans.jsonl"
  for slug in senegal maroc; do
    id=$(PGPASSWORD=comptoir_app psql -At -h 127.0.0.1 -p "$PG_PORT" -U comptoir_app -c "SELECT tenant_id FROM tenant WHERE slug = '$slug'" postgres)
    for mode in auto force_custom_plan; do
      line=$(PGOPTIONS="-c app.tenant_id=$id -c plan_cache_mode=$mode" PGPASSWORD=comptoir_app pgbench -n -M prepared -h 127.0.0.1 \
        -p "$PG_PORT" -U comptoir_app -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -D tenant="$id" -f bench/pgbench/newest-param.sql postgres 2>&1 \
        | grep -E "^tps" || true)
      echo "{\"operation\": \"plans-$slug-$mode\", \"line\": \"$line\"}" | tee -a "$OUT/plans.jsonl"
    done
  done
fi

if [ -z "${SKIP_STARTUP:-}" ]; then
  echo "== startup to ready (bench/startup.sh, against this run's PostgreSQL and Keycloak)"
  RESULTS=$RESULTS PG_PORT=$PG_PORT KC_PORT=$KC_PORT STARTUP_PORT=$((PORT + 1)) bench/startup.sh \
    || echo "startup measurement failed, see bench/target/startup/"
fi

python3 bench/report.py "$RESULTS" "$ROOT/bench/RESULTS.md" "$ROOT/bench/chart.html" "$DURATION" "$CONNECTIONS"
echo "== written bench/RESULTS.md and bench/chart.html"
