#!/usr/bin/env bash
# The pictures benchmark (issue 16): starts the local run on a fresh data directory (embedded PostgreSQL, the demo
# chambers without their pictures, the local Keycloak), heap at most 256 MB, then bench/media.py measures
#   1. a 12-megapixel photo sent by tus at RATE bytes/s, the connection cut at 80 %, HEAD, the rest, attached;
#   2. attach latency (spool, decode, 6 variants, store) of a 12 MP photo and of a 1600 x 1200 one, median of 5;
#   3. the heap while ten 12 MP photos are attached at once (comptoir.media.processors=2: two at a time);
#   4. a listing page of 20 with their 160 px covers, JPEG and WebP, against 200 KB.
#   bench/media.sh                 RATE=50000 (400 kbit/s): the throttled part takes a minute or so
#   RATE=500000 bench/media.sh     a quick run
# Writes bench/target/media/media.jsonl (one JSON line per figure) and the API's log beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PORT=${PORT:-8091}
KC_PORT=${KC_PORT:-8184}
export RATE=${RATE:-50000}
OUT=$ROOT/bench/target/media; mkdir -p "$OUT"
PHOTOS=$ROOT/bench/target/photos; mkdir -p "$PHOTOS"
DATA=$ROOT/bench/target/media-data
JAR=${JAR:-$ROOT/local/target/comptoir-local.jar}
[ -f "$JAR" ] || ./mvnw -q package -DskipTests

# the photos, made once and kept (distinct bytes each: 16 of 4000 x 3000, 25 of 1600 x 1200)
if [ ! -f "$PHOTOS/.made" ]; then
  echo "== making the photos in $PHOTOS"
  java bench/Photo.java 4000 3000 100 $(for i in $(seq -w 0 15); do echo "$PHOTOS/big-$i.jpg"; done) > "$OUT/photos.log"
  java bench/Photo.java 1600 1200 500 $(for i in $(seq -w 0 24); do echo "$PHOTOS/small-$i.jpg"; done) >> "$OUT/photos.log"
  touch "$PHOTOS/.made"
fi

rm -rf "$DATA"
echo "== starting the API on :$PORT (Keycloak :$KC_PORT), heap at most 256 MB, fresh data in $DATA"
COMPTOIR_DATA_DIR=$DATA java -Xmx256m -jar "$JAR" --server.port=$PORT --comptoir.keycloak.local-port=$KC_PORT \
  --management.endpoints.web.exposure.include=health,metrics --logging.level.root=warn --logging.level.org.comptoir=info \
  --comptoir.demo-pictures=false \
  --comptoir.rate-limit.per-client.capacity=100000000 --comptoir.rate-limit.per-client.refill=100000000 \
  --comptoir.rate-limit.per-chamber.capacity=100000000 --comptoir.rate-limit.per-chamber.refill=100000000 \
  --comptoir.rate-limit.per-chamber-anonymous.capacity=100000000 --comptoir.rate-limit.per-chamber-anonymous.refill=100000000 \
  > "$OUT/api.log" 2>&1 &
API_PID=$!
stop() {
  # the API stops its Keycloak child when it shuts down; what still listens on our two ports after that is ours
  kill "$API_PID" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$API_PID" 2>/dev/null || break; sleep 1; done
  kill -9 "$API_PID" 2>/dev/null || true
  wait "$API_PID" 2>/dev/null || true
  local pid
  for p in "$PORT" "$KC_PORT"; do
    for pid in $(ss -Htlnp "sport = :$p" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
      echo "== stopping pid $pid, still on :$p"; kill "$pid" 2>/dev/null || true
    done
  done
}
trap stop EXIT
for _ in $(seq 1 240); do curl -sf "localhost:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
curl -sf "localhost:$PORT/actuator/health" >/dev/null || { echo "API did not start, see $OUT/api.log"; exit 1; }

heap() { curl -s "localhost:$PORT/actuator/metrics/jvm.memory.used?tag=area:heap" | python3 -c 'import json,sys; print(int(sum(m["value"] for m in json.load(sys.stdin)["measurements"])))'; }
echo "== up; heap $(( $(heap) / 1048576 )) MB; load $(cut -d' ' -f1-3 /proc/loadavg); RATE=$RATE B/s"

python3 bench/media.py "$PORT" "$KC_PORT" "$PHOTOS" "$OUT"
echo "== heap at the end $(( $(heap) / 1048576 )) MB; load $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "ERROR|OutOfMemory|Exception" "$OUT/api.log" | head -20 || true
echo "== written $OUT/media.jsonl"
