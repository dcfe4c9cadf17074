#!/usr/bin/env bash
# The database alone, variant against variant: pgbench runs each given script (a copy of
# create.sql or patch.sql with a statement changed, dropped or added) in turns on one seeded
# PostgreSQL database, to see what a statement or a schema change would cost or save before any
# code is written. Not the benchmark (bench/run.sh is): no Taskforge under load, no baselines.
#
#   bash bench/floor/compare.sh APP_DIR ROUNDS SCRIPT.sql ...
#   bash bench/floor/compare.sh /tmp/app 3 bench/floor/create.sql /tmp/create-without-search.sql
#
# APP_DIR holds a published Taskforge.Api; it runs once, to migrate and seed the database
# (TASKS tasks, default 2,000), then stops. Each script gets a 3 s warm-up in the first round,
# then DUR seconds (default 8) a round from CLIENTS pipelined clients (default 2 per core, as
# run.sh's floor), and prints transactions a second, p99 and the slowest. A line
# "-- SETUP: <sql>" in a script runs before each of its rounds (an index option, say).
# Needs curl, python3 and PostgreSQL's binaries.
set -euo pipefail
cd "$(dirname "$0")/../.."
APP=$(realpath "$1") ROUNDS=$2
shift 2
SCRIPTS=()
for script in "$@"; do SCRIPTS+=("$(realpath "$script")"); done
DUR=${DUR:-8} TASKS=${TASKS:-2000} CLIENTS=${CLIENTS:-$((2 * $(nproc)))}
WORK=$(mktemp -d /tmp/taskforge-floor.XXXXXX)
source scripts/lib/postgres.sh
start_throwaway_postgres
trap 'stop_throwaway_postgres; rm -rf "$WORK"' EXIT
psql_() { "$PG_BIN/psql" -q -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d taskforge "$@"; }
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres taskforge

base=http://127.0.0.1:$(free_port)
(cd "$APP" && exec env ASPNETCORE_ENVIRONMENT=Production RateLimiting__Enabled=false \
  "Jwt__SigningKey=$(head -c 48 /dev/urandom | base64 | tr -d '\n')" Logging__LogLevel__Default=Warning \
  Database__Provider=Postgres "ConnectionStrings__Postgres=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=taskforge" \
  ./Taskforge.Api --urls "$base") >"$WORK/app.log" 2>&1 &
app=$!
ready=""
for _ in $(seq 600); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/health/ready") == 200 ]] && ready=1 && break
  kill -0 "$app" 2>/dev/null || break   # it stopped: no use waiting
  sleep 0.1
done
if [[ -z $ready ]]; then
  echo "the app in $APP did not get ready (its log follows)" >&2
  tail -n 20 "$WORK/app.log" >&2
  exit 1
fi
python3 bench/tools/seed.py seed --base "$base" --out "$WORK/seed" --tasks "$TASKS" --users 5 --tasks-per-user 5 >/dev/null
kill "$app" && wait "$app" 2>/dev/null || true
psql_ -c ANALYZE

# The same variables as run.sh's floor: the seeded user, their Inbox, their tasks numbered from 1.
email=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["email"])' "$WORK/seed/state.json")
owner=$(psql_ -v email="$email" <<<"SELECT id FROM users WHERE email = :'email'")
project=$(psql_ -v owner="$owner" \
  <<<"SELECT id FROM projects WHERE owner_id = :'owner' AND deleted_at IS NULL ORDER BY created_at LIMIT 1")
psql_ -v owner="$owner" <<<"CREATE TABLE bench_floor_ids AS
  SELECT row_number() OVER (ORDER BY id)::int AS n, id FROM tasks WHERE owner_id = :'owner' AND deleted_at IS NULL;
  ALTER TABLE bench_floor_ids ADD PRIMARY KEY (n);"
ids=$(psql_ <<<"SELECT count(*) FROM bench_floor_ids")

for round in $(seq "$ROUNDS"); do
  for script in "${SCRIPTS[@]}"; do
    setup=$(grep -oP '^-- SETUP: \K.*' "$script" || true)
    [[ -n $setup ]] && psql_ -c "$setup" >/dev/null
    bench=("$PG_BIN/pgbench" -n -M prepared -c "$CLIENTS" -j 1 -h 127.0.0.1 -p "$PG_PORT" -U postgres
      -D "owner=$owner" -D "project=$project" -D "ids=$ids" -f "$script")
    [[ $round == 1 ]] && "${bench[@]}" -T 3 taskforge >/dev/null
    rm -rf "$WORK/log" && mkdir "$WORK/log"
    out=$("${bench[@]}" -T "$DUR" -l --log-prefix="$WORK/log/tx" taskforge 2>&1)
    tps=$(grep -oP 'tps = \K[0-9.]+' <<<"$out" | head -n 1)
    # pgbench's log: the third field is each transaction's latency in microseconds.
    tail=$(cat "$WORK"/log/tx* | awk '{print $3}' | sort -n |
      awk '{a[NR] = $1} END {printf "p99 %.1f ms, slowest %.1f ms", a[int(NR * 0.99)] / 1000, a[NR] / 1000}')
    echo "round $round $(basename "$script"): ${tps%.*} transactions/s, $tail"
  done
done
