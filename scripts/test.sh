#!/usr/bin/env bash
# Runs every test: unit tests, and the HTTP integration tests on SQLite and on a real
# PostgreSQL server (Redis and RabbitMQ tests start their own redis-server and rabbitmq-server processes).
# It installs what is missing (as root, from Debian's packages), starts a throwaway
# PostgreSQL cluster on a free port, runs `dotnet test`, and removes the cluster again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
command -v redis-server >/dev/null || need_packages+=(redis-server)
# Debian's script lives outside a normal user's PATH; the tests run it from there.
[[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || command -v rabbitmq-server >/dev/null || need_packages+=(rabbitmq-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql)
command -v node >/dev/null || need_packages+=(nodejs npm)
command -v promtool >/dev/null || need_packages+=(prometheus)
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
dotnet test Taskforge.slnx -c Release --logger "trx" --results-directory "$results" "$@" || status=$?

# One closing line that any CI can read: "N passed, N failed".
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    if counters is not None:
        passed += int(counters.get("passed", 0)); failed += int(counters.get("failed", 0)) + int(counters.get("error", 0))
        skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
rm -rf "$results"
exit $status
