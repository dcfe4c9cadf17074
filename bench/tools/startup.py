#!/usr/bin/env python3
"""Measures process start to ready: the time from exec to the first 200 on /health/ready.

    startup.py --port PORT --runs 5 --out FILE -- COMMAND [ARGS...]

Starts COMMAND (environment inherited) --runs times, one after another; each time polls
http://127.0.0.1:PORT/health/ready every 2 ms, records the time of the first 200, then stops
the process with SIGTERM. Writes {"runsSeconds": [...], "medianSeconds": m} to FILE.
"""
import argparse
import http.client
import json
import statistics
import subprocess
import sys
import time


def ready(port):
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        conn.request("GET", "/health/ready")
        status = conn.getresponse().status
        conn.close()
        return status == 200
    except OSError:
        return False


def one(command, port, timeout):
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while time.perf_counter() - started < timeout:
            if ready(port):
                return time.perf_counter() - started
            if process.poll() is not None:
                sys.exit(f"startup: the process exited with {process.returncode}: "
                         f"{process.stderr.read().decode(errors='replace')[-500:]}")
            time.sleep(0.002)
        sys.exit(f"startup: not ready within {timeout} s")
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--out", required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    runs = [round(one(command, args.port, args.timeout), 3) for _ in range(args.runs)]
    with open(args.out, "w") as f:
        json.dump({"runsSeconds": runs, "medianSeconds": statistics.median(runs)}, f)
    print(f"start to ready: median {statistics.median(runs):.3f} s over {runs}")


if __name__ == "__main__":
    main()
