#!/usr/bin/env bash
# A/B of prebuilt apps taking turns on one write or read scenario: the measurements behind the
# Writes section of docs/performance.md. Not the benchmark (bench/run.sh is): no baselines, no ratios.
#
#   bash bench/ab.sh SCENARIO ROUNDS NAME=APP_DIR[:KEY=VALUE,KEY=VALUE] ...
#   bash bench/ab.sh patch 3 before=/tmp/app-old after=/tmp/app-new
#   PROVIDER=postgres bash bench/ab.sh create 2 a=/tmp/app a4=/tmp/app:Database__ConcurrentWrites=4
#
# SCENARIO is create, patch, get or list (bench/wrk/*.lua; list is run.sh's list 50). APP_DIR holds a published Taskforge.Api
# (dotnet publish src/Taskforge.Api -c Release -o DIR). The first app seeds one template database
# (TASKS tasks, default 2,000; analysed on PostgreSQL); every start gets a fresh copy of it. Each round starts each app in
# turn, warms it up for WARM seconds (default 10) and measures DUR seconds (default 10) with
# wrk -t1 -c16 --latency, and prints requests a second, p99, the app's CPU-µs per request and
# its peak resident memory since start (PostgreSQL: also its server's; SQLite: the checkpoints since start, those the writer made itself at the WAL's backstop, and the WAL file's size). PROVIDER=postgres runs a throwaway cluster; PGSS=1 there also
# writes the top statements of pg_stat_statements per app to the work folder (WORK, default
# /tmp/taskforge-ab); SETUP_SQL_<NAME>='…' runs on that app's fresh database before it starts
# (a schema variant to compare). Needs wrk, curl and python3 (and PostgreSQL's binaries for postgres).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCENARIO=$1 ROUNDS=$2
shift 2
WARM=${WARM:-10} DUR=${DUR:-10} TASKS=${TASKS:-2000} PROVIDER=${PROVIDER:-sqlite}
WORK=${WORK:-/tmp/taskforge-ab}
rm -rf "$WORK" && mkdir -p "$WORK/template_db"
source "$ROOT/scripts/lib/postgres.sh"
export BENCH_WRK_DIR=$ROOT/bench/wrk
case $SCENARIO in
  create) SCRIPT=create_task.lua URL_PATH=/api/v1/tasks ;;
  patch) SCRIPT=patch_task.lua URL_PATH=/ ;;
  get) SCRIPT=get_task.lua URL_PATH=/ ;;
  list) SCRIPT=get.lua URL_PATH="/api/v1/tasks?limit=50" ;;
  *) echo "unknown scenario $SCENARIO (create, patch, get, list)" >&2; exit 2 ;;
esac
COMMON=(ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production RateLimiting__Enabled=false
  "Jwt__SigningKey=$(head -c 48 /dev/urandom | base64 | tr -d '\n')" Jwt__AccessTokenMinutes=240
  Logging__LogLevel__Default=Warning)

psql_() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
command -v wrk >/dev/null || { echo "bench/ab.sh needs wrk (apt-get install wrk)" >&2; exit 1; }

if [[ $PROVIDER == postgres ]]; then
  start_throwaway_postgres
  trap stop_throwaway_postgres EXIT
  if [[ -n ${PGSS:-} ]]; then
    echo "shared_preload_libraries = 'pg_stat_statements'" >>"$PG_DATA/postgresql.conf"
    as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -w restart >/dev/null
    psql_ -qc "CREATE EXTENSION pg_stat_statements"
  fi
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres template_db
fi

database_env() {   # database_env NAME: the app's database settings, one per line
  if [[ $PROVIDER == postgres ]]; then
    echo "Database__Provider=Postgres"
    echo "ConnectionStrings__Postgres=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$1;Pooling=true"
  else
    echo "Database__Provider=Sqlite"
    echo "ConnectionStrings__Sqlite=Data Source=$WORK/$1/taskforge.db"
  fi
}

start_app() {   # start_app APP_DIR DATABASE EXTRA: sets PID, BASE
  local settings extra
  mapfile -t settings < <(database_env "$2")
  IFS=, read -ra extra <<<"$3"
  BASE=http://127.0.0.1:$(free_port)
  (cd "$1" && exec env "${COMMON[@]}" "${settings[@]}" "${extra[@]}" ./Taskforge.Api --urls "$BASE") >>"$WORK/app.log" 2>&1 &
  PID=$!
  for _ in $(seq 600); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready") == 200 ]] && return 0
    sleep 0.1
  done
  echo "the app in $1 was not ready within 60 s (see $WORK/app.log)" >&2
  exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
server_ticks() {
  local total=0 pid
  for pid in $(pgrep -x postgres); do total=$((total + $(cpu_ticks "$pid"))); done
  echo "$total"
}
per_request() { python3 -c "print(round(($2 - $1) * 1e6 / $(getconf CLK_TCK) / max(1, $3)))"; }

first=${1#*=}
start_app "${first%%:*}" template_db ""
python3 bench/tools/seed.py seed --base "$BASE" --out "$WORK/seed" --tasks "$TASKS" --users 5 --tasks-per-user 5 >/dev/null
kill "$PID" && wait "$PID" 2>/dev/null
# Statistics, as autovacuum would have gathered them on a server running for a minute: a copy of
# the template has the template's, and without any the planner read a task through the owner's
# priority index (29 pages) instead of its primary key (until 4 December every A/B here did).
[[ $PROVIDER == postgres ]] && psql_ -d template_db -qc "ANALYZE"
export BENCH_IDS=$WORK/seed/ids.txt
read -r EMAIL PASSWORD < <(python3 -c 'import json, sys; s = json.load(open(sys.argv[1])); print(s["email"], s["password"])' "$WORK/seed/state.json")

n=0
for round in $(seq "$ROUNDS"); do
  for spec in "$@"; do
    name=${spec%%=*} rest=${spec#*=}
    app=${rest%%:*} extra=""
    [[ $rest == *:* ]] && extra=${rest#*:}
    n=$((n + 1)) database=run$n
    if [[ $PROVIDER == postgres ]]; then
      "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres -T template_db "$database"
      setup=SETUP_SQL_$name
      [[ -n ${!setup:-} ]] && "$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$database" -c "${!setup}"
    else
      mkdir -p "$WORK/$database" && cp "$WORK"/template_db/taskforge.db* "$WORK/$database/"
    fi
    start_app "$app" "$database" "$extra"
    token=$(python3 bench/tools/seed.py login --base "$BASE" --email "$EMAIL" --password "$PASSWORD")
    load=(wrk -t1 -c16 -s "$BENCH_WRK_DIR/$SCRIPT" -H "Authorization: Bearer $token")
    "${load[@]}" -d"${WARM}s" "$BASE$URL_PATH" >/dev/null 2>&1
    [[ -n ${PGSS:-} ]] && psql_ -qAtc "SELECT pg_stat_statements_reset()" >/dev/null
    app0=$(cpu_ticks "$PID") server0=$(server_ticks)
    out=$("${load[@]}" -d"${DUR}s" --latency "$BASE$URL_PATH" 2>&1)
    app1=$(cpu_ticks "$PID") server1=$(server_ticks)
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    line="round $round $name: $(awk '/Requests\/sec/ {print $2}' <<<"$out") rps, p99 $(awk '$1 == "99%" {print $2}' <<<"$out")"
    line+=", app CPU-µs/req $(per_request "$app0" "$app1" "$requests")"
    [[ $PROVIDER == postgres ]] && line+=", server CPU-µs/req $(per_request "$server0" "$server1" "$requests")"
    if [[ $PROVIDER != postgres ]]; then
      metrics=$(curl -s "$BASE/metrics")
      line+=", checkpoints $(awk '$1 == "taskforge_sqlite_checkpoints_total" {print $2}' <<<"$metrics")"
      line+=" (the writer's own $(awk '$1 == "taskforge_sqlite_wal_restarts_total" {print $2}' <<<"$metrics"))"
      line+=", WAL $(( $(stat -c %s "$WORK/$database/taskforge.db-wal" 2>/dev/null || echo 0) / 1048576 )) MB"
    fi
    line+=", peak RSS $(awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$PID/status") MB"
    grep -q "Non-2xx" <<<"$out" && line+=", $(grep "Non-2xx" <<<"$out" | xargs)"
    echo "$line"
    [[ -n ${PGSS:-} ]] && psql_ -c "SELECT calls, round(total_exec_time::numeric) AS total_ms,
        round((total_exec_time / calls * 1000)::numeric, 1) AS us_per_call,
        round(max_exec_time::numeric, 1) AS max_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 140) AS query
      FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 20" >"$WORK/statements-$name-$round.txt"
    kill "$PID" && wait "$PID" 2>/dev/null
    if [[ $PROVIDER == postgres ]]; then
      "$PG_BIN/dropdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$database"
    else
      rm -rf "${WORK:?}/$database"
    fi
  done
done
