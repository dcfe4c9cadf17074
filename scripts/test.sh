#!/usr/bin/env bash
# Runs every test: unit tests, and the HTTP integration tests on SQLite and on a real
# PostgreSQL server (Redis and RabbitMQ tests start their own redis-server and rabbitmq-server processes).
# It installs what is missing (as root, from Debian's packages), starts a throwaway
# PostgreSQL cluster on a free port, runs `dotnet test`, and removes the cluster again.
# Without arguments (the whole suite) it also runs the multi-instance tests (tests/cluster/run.sh:
# nginx, two API instances, workers, PostgreSQL, Redis, RabbitMQ on loopback) beside `dotnet test`,
# on servers of their own. With arguments (a --filter) it skips them, unless TASKFORGE_CLUSTER_TESTS=1;
# TASKFORGE_CLUSTER_TESTS=0 always skips them.
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
command -v redis-server >/dev/null || need_packages+=(redis-server)
# Debian's script lives outside a normal user's PATH; the tests run it from there.
[[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || command -v rabbitmq-server >/dev/null || need_packages+=(rabbitmq-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql)
command -v node >/dev/null || need_packages+=(nodejs npm)
command -v promtool >/dev/null || need_packages+=(prometheus)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || need_packages+=(nginx)
command -v curl >/dev/null || need_packages+=(curl)
# The summary below, and a unit test that holds a SQLite lock from another process.
command -v python3 >/dev/null || need_packages+=(python3)
if ((${#need_packages[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Please install: ${need_packages[*]} (Debian packages), then run this again." >&2
    exit 1
  fi
  echo "Installing ${need_packages[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

# Real peers the tests drive (an SMTP server, reference clients), pinned by package-lock.json.
(cd tests/node && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

source scripts/lib/postgres.sh
start_throwaway_postgres
trap stop_throwaway_postgres EXIT
export TASKFORGE_TEST_POSTGRES="Host=127.0.0.1;Port=${PG_PORT};Username=postgres;Database=postgres;Pooling=true"
# Tests that stop a PostgreSQL server mid-way start a cluster of their own with these binaries.
export TASKFORGE_TEST_PG_BIN="$PG_BIN"

results=$(mktemp -d)
status=0
run_cluster=${TASKFORGE_CLUSTER_TESTS:-}
[[ -n $run_cluster ]] || { (($# == 0)) && run_cluster=1 || run_cluster=0; }

cluster_pid=""
if [[ $run_cluster == 1 ]] && ! dotnet build Taskforge.slnx -c Release --nologo -v quiet -clp:ErrorsOnly; then
  status=1
elif [[ $run_cluster == 1 ]]; then
  # One build for both runs: two builds of the same projects at once would share obj/ directories.
  TASKFORGE_CLUSTER_NO_BUILD=1 bash tests/cluster/run.sh >"$results/cluster.log" 2>&1 &
  cluster_pid=$!
  echo "Multi-instance tests started beside dotnet test (tests/cluster/run.sh, pid $cluster_pid)"
  dotnet test Taskforge.slnx -c Release --no-build --logger "trx" --results-directory "$results" "$@" || status=$?
else
  dotnet test Taskforge.slnx -c Release --logger "trx" --results-directory "$results" "$@" || status=$?
fi

cluster_passed=0 cluster_failed=0
if [[ -n $cluster_pid ]]; then
  cluster_status=0
  wait "$cluster_pid" || cluster_status=$?
  echo "--- multi-instance tests (tests/cluster/run.sh) ---"
  cat "$results/cluster.log"
  summary=$(sed -n 's/^cluster: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' "$results/cluster.log" | tail -n 1)
  read -r cluster_passed cluster_failed <<<"${summary:-0 1}"
  ((cluster_status == 0)) || { ((cluster_failed > 0)) || cluster_failed=1; status=1; }
fi

# Where the time went (the test classes that took longest, summed over their tests), then one
# closing line that any CI can read: "N passed, N failed".
python3 - "$results" "$cluster_passed" "$cluster_failed" <<'PY'
import collections, glob, sys, xml.etree.ElementTree as ET
passed, failed, skipped = int(sys.argv[2]), int(sys.argv[3]), 0
classes = collections.Counter()
for path in glob.glob(sys.argv[1] + "/*.trx"):
    for result in ET.parse(path).getroot().findall(".//{*}UnitTestResult"):
        h, m, s = result.get("duration", "0:0:0").split(":")
        classes[result.get("testName", "").split("(")[0].rsplit(".", 1)[0]] += int(h) * 3600 + int(m) * 60 + float(s)
if classes:
    print("Slowest test classes (seconds, summed over their tests):")
    for name, seconds in classes.most_common(15):
        print(f"{seconds:8.1f}  {name}")
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    if counters is not None:
        passed += int(counters.get("passed", 0)); failed += int(counters.get("failed", 0)) + int(counters.get("error", 0))
        skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
# TASKFORGE_TEST_RESULTS=<dir> keeps the .trx files there (per-test timings) instead of removing them.
if [[ -n ${TASKFORGE_TEST_RESULTS:-} ]]; then
  mkdir -p "$TASKFORGE_TEST_RESULTS" && cp "$results"/*.trx "$TASKFORGE_TEST_RESULTS"/ 2>/dev/null || true
fi
rm -rf "$results"
exit $status
