#!/usr/bin/env bash
# Startup to ready of the API alone: PostgreSQL and Keycloak are already up (their start is excluded), a
# new API process is launched against them RUNS times, and the time from launch to the first successful
# /actuator/health is measured (with Spring's own "Started ... in X seconds"). One JSON line per variant
# on stdout, and in $RESULTS when set (bench/report.py makes a table of them):
#   jar       java -jar comptoir-local.jar, as built (the local run: embedded PostgreSQL, local Keycloak)
#   cds       the extracted jar with a class data sharing archive of a training run (JDK 17+)
#   aot       the extracted jar with a JEP 483 AOT cache (JDK 24+; JAVA25 names that JDK)
#   bench/startup.sh                          starts its own host API (embedded PostgreSQL + Keycloak) first
#   PG_PORT=… KC_PORT=… bench/startup.sh      uses a running embedded PostgreSQL and Keycloak (what run.sh does)
#   RUNS=9 VARIANTS="jar cds" bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-5}
STARTUP_PORT=${STARTUP_PORT:-8091}
KC_PORT=${KC_PORT:-8183}
JAVA=${JAVA:-java}
EXTRA_ARGS=${EXTRA_ARGS:-}  # more arguments for the measured API
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
VARIANTS=${VARIANTS:-jar cds$([ -x "$JAVA25" ] && echo " aot")}
OUT=$ROOT/bench/target/startup; mkdir -p "$OUT"
JAR=$ROOT/local/target/comptoir-local.jar
[ -f "$JAR" ] || ./mvnw -q package -DskipTests

HOST_PID=
cleanup() { if [ -n "$HOST_PID" ]; then kill "$HOST_PID" 2>/dev/null; wait "$HOST_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT
if [ -z "${PG_PORT:-}" ]; then
  HOST_PORT=${HOST_PORT:-$((STARTUP_PORT + 1))}
  echo "== starting a host API on :$HOST_PORT for its embedded PostgreSQL and Keycloak (:$KC_PORT)" >&2
  COMPTOIR_DATA_DIR=${STARTUP_DATA_DIR:-$ROOT/bench/target/startup-data} java -Xmx512m -jar "$JAR" --server.port="$HOST_PORT" \
    --comptoir.keycloak.local-port="$KC_PORT" > "$OUT/host.log" 2>&1 &
  HOST_PID=$!
  for _ in $(seq 1 240); do curl -sf "localhost:$HOST_PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
  curl -sf "localhost:$HOST_PORT/actuator/health" >/dev/null || { echo "host API did not start, see $OUT/host.log" >&2; exit 1; }
  PG_PORT=$(grep -o "ready on port [0-9]*" "$OUT/host.log" | grep -o "[0-9]*$" | tail -1)
fi

# A configured server, as in production: the application role for R2DBC, the owner (here the superuser) for Flyway.
export SPRING_R2DBC_URL=r2dbc:postgresql://127.0.0.1:$PG_PORT/postgres SPRING_R2DBC_USERNAME=comptoir_app SPRING_R2DBC_PASSWORD=comptoir_app
export SPRING_FLYWAY_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres SPRING_FLYWAY_USER=postgres SPRING_FLYWAY_PASSWORD=postgres
export COMPTOIR_KEYCLOAK_URL=http://127.0.0.1:$KC_PORT COMPTOIR_DATA_DIR=$OUT/data
# An external Keycloak is reached as the provisioning client: its secret, read with the host's bootstrap admin.
KC=http://127.0.0.1:$KC_PORT
KC_ADMIN=$(curl -sf "$KC/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
  -d username="${KC_ADMIN_USER:-admin}" -d password="${KC_ADMIN_PASSWORD:-admin}" | jq -r .access_token)
KC_CLIENT=$(curl -sf -H "Authorization: Bearer $KC_ADMIN" "$KC/admin/realms/master/clients?clientId=comptoir-provisioner" | jq -r '.[0].id')
export COMPTOIR_KEYCLOAK_PROVISIONINGCLIENTSECRET=$(curl -sf -H "Authorization: Bearer $KC_ADMIN" \
  "$KC/admin/realms/master/clients/$KC_CLIENT/client-secret" | jq -r .value)
export COMPTOIR_MAIL_HOST=127.0.0.1 # invitations are not measured: no mail is sent at startup
ARGS=(--server.port="$STARTUP_PORT" --logging.level.root=warn --logging.level.org.comptoir=info $EXTRA_ARGS)

# The extracted layout (one jar per library, classpath in the manifest) that CDS and AOT caches need.
APP=$OUT/app
if [ ! -f "$APP/comptoir-local.jar" ] || [ "$JAR" -nt "$APP/comptoir-local.jar" ]; then
  rm -rf "$APP"; java -Djarmode=tools -jar "$JAR" extract --destination "$APP" >/dev/null
  rm -f "$OUT"/*.jsa "$OUT"/*.aot
fi

command_of() { # variant -> the java command line
  case $1 in
    jar) echo "$JAVA -jar $JAR" ;;
    cds) echo "$JAVA -XX:SharedArchiveFile=$OUT/app.jsa -jar $APP/comptoir-local.jar" ;;
    aot) echo "$JAVA25 -XX:AOTCache=$OUT/app.aot -jar $APP/comptoir-local.jar" ;;
  esac
}

train() { # variant: a training run that refreshes the context against the same servers and exits
  case $1 in
    cds) [ -f "$OUT/app.jsa" ] || $JAVA -XX:ArchiveClassesAtExit="$OUT/app.jsa" -Dspring.context.exit=onRefresh \
           -jar "$APP/comptoir-local.jar" "${ARGS[@]}" > "$OUT/train-cds.log" 2>&1 ;;
    aot) [ -f "$OUT/app.aot" ] || "$JAVA25" -XX:AOTCacheOutput="$OUT/app.aot" -Dspring.context.exit=onRefresh \
           -jar "$APP/comptoir-local.jar" "${ARGS[@]}" > "$OUT/train-aot.log" 2>&1 ;;
  esac
}

measure() { # variant run -> "ready_ms cpu_ms started_s" (cpu: the process's user + system time when ready)
  local log=$OUT/$1.$2.log start pid ready cpu
  start=$(date +%s%N)
  $(command_of "$1") "${ARGS[@]}" > "$log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "localhost:$STARTUP_PORT/actuator/health" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "the API exited, see $log" >&2; return 1; }
    [ $(( ($(date +%s%N) - start) / 1000000000 )) -lt 120 ] || { kill $pid; echo "not ready in 120 s, see $log" >&2; return 1; }
    sleep 0.02
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  cpu=$(sed 's/.*) //' /proc/$pid/stat | awk -v hz="$(getconf CLK_TCK)" '{print int(($12 + $13) * 1000 / hz)}')
  kill $pid; wait $pid 2>/dev/null || true
  echo "$ready $cpu $(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$log" | grep -o '[0-9.]* seconds' | cut -d' ' -f1)"
}

for variant in $VARIANTS; do
  rm -f "$OUT/$variant".*.log
  train "$variant"
  measure "$variant" warmup > /dev/null  # the page cache and the archive warm once, not counted
  samples=()
  for run in $(seq 1 "$RUNS"); do samples+=("$(measure "$variant" "$run")"); done
  jdk=$($(command_of "$variant" | cut -d' ' -f1) -XshowSettings:properties -version 2>&1 | grep -o 'java.version = .*' | cut -d' ' -f3)
  line=$(python3 - "$variant" "$(command_of "$variant" | sed "s|$ROOT/||g")" "$jdk" "${samples[@]}" <<'PY'
import json, statistics, sys
variant, command, jdk = sys.argv[1:4]
runs = [s.split() for s in sys.argv[4:]]
ready = [int(r[0]) for r in runs]
cpu = [int(r[1]) for r in runs]
started = [float(r[2]) for r in runs if len(r) > 2]
print(json.dumps({"operation": "startup-" + variant, "jdk": jdk, "command": command, "startup_ms": statistics.median(ready),
                  "startup_min_ms": min(ready),
                  "startup_runs_ms": ready, "cpu_ms": statistics.median(cpu), "spring_started_s": statistics.median(started) if started else None}))
PY
)
  echo "$line"
  if [ -n "${RESULTS:-}" ]; then echo "$line" >> "$RESULTS"; fi
done
