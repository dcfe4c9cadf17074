#!/usr/bin/env python3
"""Seeds a running Taskforge through its HTTP API for the benchmark (standard library only).

    seed.py seed  --base http://127.0.0.1:PORT --out DIR [--tasks 10000] [--users 100] ...
    seed.py login --base http://127.0.0.1:PORT --email E --password P   (prints an access token)

`seed` registers the measured user and logs in, probes the task endpoints of the contract,
creates --tasks tasks for the measured user and --users other users with a few tasks each, and
writes into DIR:

    state.json     what run.sh needs: the user, which endpoints exist, the common tag, counts
    ids.txt        the measured user's task ids, one per line (read by bench/wrk/*.lua)
    bodies/        real response bodies (token.json, user.json, task.json, list.json) for the
                   baseline app to replay; only those Taskforge actually served are written

A task endpoint that answers 404/405 to a well-formed request is reported missing, and the
scenarios that need it are skipped by run.sh instead of failing the run.
"""

import argparse
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

PASSWORD = "bench-password-1234"
# A skewed vocabulary: "work" is on roughly a third of the tasks, so ?tag=work fills a page of 50
# from deep in the table, while the rare tags keep the tag index realistic.
TAGS = ["work", "home", "urgent", "errand", "reading", "finance", "health", "later",
        "q4", "meeting", "phone", "email", "design", "review", "travel", "family"]
TAG_WEIGHTS = [34, 14, 9, 7, 6, 5, 5, 4, 3, 3, 2, 2, 2, 2, 1, 1]
COMMON_TAG = "work"
PRIORITIES = ["none", "low", "medium", "high"]
WORDS = ("plan review call write fix ship draft book pay clean order read send check update "
         "prepare sort renew email schedule").split()


class Client:
    """One keep-alive HTTP/1.1 connection (one per thread)."""

    def __init__(self, base, token=None):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port
        self.token = token
        self.conn = None

    def request(self, method, path, body=None, content_type="application/json"):
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = content_type
        for attempt in range(3):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                raw = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, raw, response
            except (ConnectionError, http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    raise
                time.sleep(0.2)
        raise AssertionError("unreachable")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def expect(status, raw, wanted, what):
    if status not in wanted:
        raise SystemExit(f"seed: {what} answered {status}: {raw[:300].decode(errors='replace')}")


def register_and_login(base, email):
    client = Client(base)
    status, raw, _ = client.request("POST", "/api/v1/auth/register",
                                    {"email": email, "password": PASSWORD, "firstName": "Bench", "lastName": "User"})
    expect(status, raw, (201, 409), f"register {email}")
    status, raw, _ = client.request("POST", "/api/v1/auth/login", {"email": email, "password": PASSWORD})
    expect(status, raw, (200,), f"login {email}")
    client.close()
    return json.loads(raw)["accessToken"], raw


def random_task(rng, n):
    tags = set()
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
        tags.add(rng.choices(TAGS, TAG_WEIGHTS)[0])
    task = {
        "title": f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} #{n}",
        "priority": rng.choices(PRIORITIES, [40, 25, 20, 15])[0],
        "tags": sorted(tags),
    }
    if rng.random() < 0.6:
        task["description"] = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 60)))
    if rng.random() < 0.7:
        day = rng.randint(-60, 120)
        task["dueAt"] = time.strftime("%Y-%m-%dT%H:00:00Z", time.gmtime(time.time() + day * 86400))
    return task


def missing(status):
    return status in (404, 405)


def probe(client, out):
    """Which task endpoints exist; one real call each. Returns (endpoints, first task id)."""
    endpoints = {"create": False, "get": False, "list": False, "tagList": False, "patch": False, "search": False}
    status, raw, _ = client.request("POST", "/api/v1/tasks", random_task(random.Random(0), 0))
    if status == 201:
        endpoints["create"] = True
    elif not missing(status):
        raise SystemExit(f"seed: POST /api/v1/tasks answered {status}: {raw[:300]!r}")
    task_id = json.loads(raw)["id"] if endpoints["create"] else None

    status, raw, _ = client.request("GET", "/api/v1/tasks?limit=50")
    endpoints["list"] = status == 200
    status, raw, _ = client.request("GET", f"/api/v1/tasks?tag={COMMON_TAG}&limit=50")
    endpoints["tagList"] = status == 200
    status, raw, _ = client.request("GET", f"/api/v1/search?q={WORDS[0]}")
    endpoints["search"] = status == 200
    if task_id:
        status, raw, _ = client.request("GET", f"/api/v1/tasks/{task_id}")
        endpoints["get"] = status == 200
        status, raw, _ = client.request("PATCH", f"/api/v1/tasks/{task_id}", {"completed": True},
                                        content_type="application/merge-patch+json")
        endpoints["patch"] = status == 200
        if not endpoints["patch"] and not missing(status):
            print(f"seed: PATCH /api/v1/tasks/{{id}} answered {status}; patch scenario skipped", file=sys.stderr)
    return endpoints, task_id


def create_many(base, token, count, threads, seed, on_id=None):
    """Creates `count` tasks over `threads` keep-alive connections; returns their ids in order."""
    ids = [None] * count
    local = threading.local()
    clients = []
    lock = threading.Lock()

    def one(i):
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = Client(base, token)
            with lock:
                clients.append(client)
        rng = random.Random(seed * 1_000_003 + i)
        status, raw, _ = client.request("POST", "/api/v1/tasks", random_task(rng, i))
        expect(status, raw, (201,), "POST /api/v1/tasks")
        ids[i] = json.loads(raw)["id"]

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(count)))
    for client in clients:
        client.close()
    return ids


def seed(args):
    started = time.monotonic()
    os.makedirs(os.path.join(args.out, "bodies"), exist_ok=True)
    email = args.email
    token, token_body = register_and_login(args.base, email)
    write(args.out, "bodies/token.json", token_body)

    client = Client(args.base, token)
    status, raw, _ = client.request("GET", "/api/v1/users/me")
    expect(status, raw, (200,), "GET /api/v1/users/me")
    write(args.out, "bodies/user.json", raw)

    endpoints, first_id = probe(client, args.out)
    for name, present in endpoints.items():
        if not present:
            print(f"seed: task endpoint '{name}' missing: its scenario will be skipped", file=sys.stderr)

    ids = []
    if endpoints["create"]:
        ids = [first_id] + create_many(args.base, token, args.tasks - 1, args.threads, seed=1)
    with open(os.path.join(args.out, "ids.txt"), "w") as f:
        f.write("\n".join(ids) + ("\n" if ids else ""))
    measured_seconds = time.monotonic() - started

    # The other users: each with a few tasks, so the measured user's rows share the tables.
    def other(n):
        other_token, _ = register_and_login(args.base, f"other{n:03d}@bench.example.com")
        if endpoints["create"]:
            create_many(args.base, other_token, args.tasks_per_user, 1, seed=1000 + n)

    with ThreadPoolExecutor(args.threads) as pool:
        list(pool.map(other, range(args.users)))

    # Real bodies for the baseline to replay (after seeding: a full page, a real task).
    if endpoints["get"]:
        status, raw, _ = client.request("GET", f"/api/v1/tasks/{ids[len(ids) // 2]}")
        write(args.out, "bodies/task.json", raw)
    if endpoints["list"]:
        status, raw, _ = client.request("GET", "/api/v1/tasks?limit=50")
        write(args.out, "bodies/list.json", raw)
        tag_items = None
        if endpoints["tagList"]:
            status, raw, _ = client.request("GET", f"/api/v1/tasks?tag={COMMON_TAG}&limit=50")
            tag_items = len(json.loads(raw).get("items", []))
    else:
        tag_items = None
    client.close()

    state = {
        "email": email,
        "password": PASSWORD,
        "endpoints": endpoints,
        "commonTag": COMMON_TAG,
        "tagPageItems": tag_items,
        "tasks": len(ids),
        "otherUsers": args.users,
        "tasksPerOtherUser": args.tasks_per_user if endpoints["create"] else 0,
        "seedSeconds": round(time.monotonic() - started, 1),
        "measuredUserSeedSeconds": round(measured_seconds, 1),
    }
    write(args.out, "state.json", json.dumps(state, indent=2).encode())
    print(f"seed: {len(ids)} tasks for {email}, {args.users} other users, "
          f"{state['seedSeconds']} s; endpoints {', '.join(k for k, v in endpoints.items() if v) or 'none'}")


def write(out, name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def login(args):
    client = Client(args.base)
    status, raw, _ = client.request("POST", "/api/v1/auth/login", {"email": args.email, "password": args.password})
    expect(status, raw, (200,), "login")
    print(json.loads(raw)["accessToken"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("seed")
    s.add_argument("--base", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--email", default="bench@bench.example.com")
    s.add_argument("--tasks", type=int, default=10_000)
    s.add_argument("--users", type=int, default=100)
    s.add_argument("--tasks-per-user", type=int, default=5)
    s.add_argument("--threads", type=int, default=8)
    s.set_defaults(func=seed)
    l = sub.add_parser("login")
    l.add_argument("--base", required=True)
    l.add_argument("--email", required=True)
    l.add_argument("--password", default=PASSWORD)
    l.set_defaults(func=login)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
