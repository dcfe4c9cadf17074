#!/usr/bin/env bash
# The multi-instance tests: starts deploy/local/cluster.sh's topology in a state directory of its
# own (with two workers, so that they race for every job run), runs tests/cluster/*.test.mjs
# against it with node's test runner, and stops it again. Ends with "cluster: N passed, N failed";
# the exit code is the tests'. scripts/test.sh runs this beside `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/../.."

export TASKFORGE_CLUSTER_DIR=${TASKFORGE_CLUSTER_DIR:-$(mktemp -d /tmp/taskforge-cluster-test.XXXXXX)}
export TASKFORGE_CLUSTER_WORKERS=2
# The write-load test writes more than one user's 600 requests a minute; the auth quota stays as it is.
export RateLimiting__General__PermitLimit=100000
[[ -d tests/node/node_modules ]] || (cd tests/node && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

trap 'deploy/local/cluster.sh down >/dev/null 2>&1 || true' EXIT
if ! deploy/local/cluster.sh up; then
  echo "cluster: 0 passed, 1 failed (the cluster did not start)"
  exit 1
fi

status=0
output=$(mktemp)
# Bounded: a hung test must not hold CI; each test also waits on its conditions with deadlines.
timeout 900 node --test --test-reporter=tap tests/cluster/cluster.test.mjs | tee "$output" || status=$?

if ((status != 0)); then
  for log in "$TASKFORGE_CLUSTER_DIR"/logs/*.log "$TASKFORGE_CLUSTER_DIR"/nginx/error.log; do
    [[ -f $log ]] || continue
    echo "--- last lines of $log"
    tail -n 15 "$log"
  done
fi

passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$output")
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$output")
rm -f "$output"
if [[ -z $passed || -z $failed ]]; then
  passed=${passed:-0}
  failed=$((${failed:-0} + 1))
  status=1
fi
echo "cluster: $passed passed, $failed failed"
exit $status
