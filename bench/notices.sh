#!/usr/bin/env bash
# The notices outbox benchmark (issue 17): 10,000 e-mails queued at once, sent by one instance then by two sharing
# the same PostgreSQL; the end-to-end latency of single notices; an instance killed mid-delivery.
#   bench/notices.sh              about 10 minutes (the kill test waits out the 2-minute lease)
#   N=5000 N_A=2000 KILL_N=1000 bench/notices.sh   a quicker run (N: A and B, N_A: A alone)
# Instance A is the local run on a fresh data directory (bench/target/notices-data: embedded PostgreSQL, the local
# Keycloak on :8186, GreenMail on :2526) on :8095; instance B is the same jar configured as a deployment is
# (PostgreSQL, Keycloak and SMTP by URL: A's) on :8096. Notices are written by SQL as the owner, as
# notices.Notifications writes them (an event row, then NOTIFY comptoir_notices with the writer chamber).
# Writes bench/target/notices/notices.jsonl (one JSON line per figure) and both instances' logs beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
A_PORT=${A_PORT:-8095}; B_PORT=${B_PORT:-8096}; KC_PORT=${KC_PORT:-8186}; SMTP_PORT=${SMTP_PORT:-2526}
N=${N:-10000}; N_A=${N_A:-$N}; KILL_N=${KILL_N:-2000}; LATENCY_N=${LATENCY_N:-200}
OUT=$ROOT/bench/target/notices; mkdir -p "$OUT"
DATA=$ROOT/bench/target/notices-data
JAR=${JAR:-$ROOT/local/target/comptoir-local.jar}
[ -f "$JAR" ] || ./mvnw -q package -DskipTests
RESULTS=$OUT/notices.jsonl; : > "$RESULTS"
export OUT SMTP_PORT API=http://localhost:$A_PORT
LIMITS="--comptoir.rate-limit.per-client.capacity=100000000 --comptoir.rate-limit.per-client.refill=100000000
  --comptoir.rate-limit.per-chamber.capacity=100000000 --comptoir.rate-limit.per-chamber.refill=100000000
  --comptoir.rate-limit.per-chamber-anonymous.capacity=100000000 --comptoir.rate-limit.per-chamber-anonymous.refill=100000000"
# the outbox's own cap (20 e-mails an hour to one address) off: the bench sends thousands to the same 4 addresses
COMMON="--management.endpoints.web.exposure.include=health,metrics --logging.level.root=warn --logging.level.org.comptoir=info
  --comptoir.demo-pictures=false --comptoir.notices.email-cap-per-hour=100000000 $LIMITS"

A_PID=; B_PID=; SNIFF_PID=
stop_pid() { # pid: TERM, up to 30 s, then KILL
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$1" 2>/dev/null || break; sleep 1; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
stop() {
  stop_pid "$SNIFF_PID"; stop_pid "$B_PID"; stop_pid "$A_PID"
  # A stops its Keycloak child and its PostgreSQL when it shuts down; what still listens on our ports is ours
  local p pid
  for p in "$A_PORT" "$B_PORT" "$KC_PORT" "$SMTP_PORT" ${PG_PORT:-}; do
    for pid in $(ss -Htlnp "sport = :$p" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
      echo "== stopping pid $pid, still on :$p"; kill "$pid" 2>/dev/null || true
    done
  done
}
trap stop EXIT
up() { # port seconds
  for _ in $(seq 1 "$2"); do curl -sf "localhost:$1/actuator/health" >/dev/null 2>&1 && return 0; sleep 1; done
  return 1
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
record() { tee -a "$RESULTS"; }
py() { python3 bench/notices.py "$@"; }

rm -rf "$DATA"
echo "== A: the local run on :$A_PORT (Keycloak :$KC_PORT, GreenMail :$SMTP_PORT), -Xmx256m, fresh data in $DATA"
COMPTOIR_DATA_DIR=$DATA java -Xmx256m -jar "$JAR" --server.port=$A_PORT --comptoir.keycloak.local-port=$KC_PORT \
  --comptoir.local.mail-port=$SMTP_PORT $COMMON > "$OUT/a.log" 2>&1 &
A_PID=$!
up "$A_PORT" 400 || { echo "A did not start, see $OUT/a.log"; exit 1; }
PG_PORT=$(grep -o "ready on port [0-9]*" "$OUT/a.log" | grep -o "[0-9]*$" | tail -1); export PG_PORT
echo "== A up (pid $A_PID), its PostgreSQL on :$PG_PORT; load $(load)"

# B: a deployment's configuration. The application role (comptoir_app, created by the local run) for R2DBC,
# named comptoir-b in pg_stat_activity; the owner (the embedded server's superuser) for Flyway; A's Keycloak
# through the provisioning client, its secret read with the local Keycloak's bootstrap admin; A's GreenMail.
KC=http://127.0.0.1:$KC_PORT
KC_ADMIN=$(curl -sf "$KC/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
  -d username=admin -d password=admin | jq -r .access_token)
KC_CLIENT=$(curl -sf -H "Authorization: Bearer $KC_ADMIN" "$KC/admin/realms/master/clients?clientId=comptoir-provisioner" | jq -r '.[0].id')
PROVISIONER_SECRET=$(curl -sf -H "Authorization: Bearer $KC_ADMIN" "$KC/admin/realms/master/clients/$KC_CLIENT/client-secret" | jq -r .value)
start_b() {
  COMPTOIR_DATA_DIR=$OUT/b-data java -Xmx256m -jar "$JAR" --server.port=$B_PORT $COMMON \
    "--spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:$PG_PORT/postgres?applicationName=comptoir-b" \
    --spring.r2dbc.username=comptoir_app --spring.r2dbc.password=comptoir_app \
    --spring.flyway.url=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres --spring.flyway.user=postgres --spring.flyway.password=postgres \
    --comptoir.keycloak.url=$KC --comptoir.keycloak.provisioning-client-secret="$PROVISIONER_SECRET" \
    --comptoir.keycloak.development=true \
    --comptoir.mail.host=127.0.0.1 --comptoir.mail.port=$SMTP_PORT --comptoir.mail.starttls=false \
    --comptoir.mail.from=no-reply@comptoir.localhost >> "$OUT/b.log" 2>&1 &
  B_PID=$!
}

# the wire: every Message-ID sent to GreenMail, duplicates included (its /local/mail shows each once)
: > "$OUT/wire.txt"
python3 bench/notices.py sniff "$OUT/wire.txt" 2> "$OUT/sniff.err" &
SNIFF_PID=$!
py setup | record

echo "== 1. $N_A notices queued at once (one NOTIFY per event, each its own transaction, as the API sends them), A alone"
py queue "$N_A" a1 per-event | record
T0=$(tail -1 "$RESULTS" | jq .t0)
py wait "$N_A" a1 900 "$T0" | record
py check a1 | record

echo "== B: the same jar on :$B_PORT, configured (PostgreSQL :$PG_PORT, Keycloak :$KC_PORT, SMTP :$SMTP_PORT)"
: > "$OUT/b.log"
start_b
up "$B_PORT" 300 || { echo "B did not start, see $OUT/b.log"; exit 1; }
echo "== B up (pid $B_PID); load $(load)"

echo "== 2. $N more, A and B"
py queue "$N" ab per-event | record
T0=$(tail -1 "$RESULTS" | jq .t0)
py wait "$N" ab 900 "$T0" | record
py check ab | record

echo "== 3. end-to-end latency: $LATENCY_N notices one at a time (insert + NOTIFY in one transaction), A and B"
py latency "$LATENCY_N" lat | record

echo "== 4. $KILL_N more, B killed (-9) mid-delivery, started again"
py queue "$KILL_N" kill per-event | record
T0=$(tail -1 "$RESULTS" | jq .t0)
for _ in $(seq 1 600); do
  s=$(py counts kill | jq .sent); [ "$s" -ge $((KILL_N / 4)) ] && break; sleep 0.1
done
kill -9 "$B_PID"; wait "$B_PID" 2>/dev/null || true
echo "{\"figure\": \"killed\", \"at_s\": $(python3 -c "import time; print(round(time.time() - $T0, 1))"), \"counts\": $(py counts kill)}" | record
start_b
up "$B_PORT" 300 || echo "B did not start again, see $OUT/b.log"
echo "{\"figure\": \"restarted\", \"at_s\": $(python3 -c "import time; print(round(time.time() - $T0, 1))"), \"counts\": $(py counts kill)}" | record
py wait "$KILL_N" kill 420 "$T0" | record
py check kill | record

echo "== 5. one NOTIFY per writer chamber for $KILL_N notices (as a bulk insert or a missed NOTIFY leaves them)"
py queue "$KILL_N" bulk | record
T0=$(tail -1 "$RESULTS" | jq .t0)
sleep 10; echo "{\"figure\": \"one-notify\", \"after_s\": 10, \"counts\": $(py counts bulk)}" | record
sleep 35; echo "{\"figure\": \"one-notify\", \"after_s\": 45, \"counts\": $(py counts bulk)}" | record

echo "== what GreenMail kept, what went over the wire"
sleep 2
for phase in a1 ab lat kill; do py mail "$phase" | record; py wire "$OUT/wire.txt" "$phase" | record; done
echo "{\"figure\": \"logs\", \"a_warn_error\": $(grep -cE ' (WARN|ERROR) ' "$OUT/a.log" || true), \"b_warn_error\": $(grep -cE ' (WARN|ERROR) ' "$OUT/b.log" || true), \"load\": \"$(load)\"}" | record
grep -hE " (WARN|ERROR) |Exception" "$OUT/a.log" "$OUT/b.log" | cut -c1-400 | sort | uniq -c | sort -rn | head -20 || true
echo "== written $RESULTS"
