#!/usr/bin/env python3
"""A stand-in for Taskforge, for testing the benchmark's own plumbing (not for numbers).

    fake_api.py --urls http://127.0.0.1:PORT

Serves, in memory and per the contract, just what the benchmark calls: register, login,
GET /users/me, POST/GET/PATCH /tasks, GET /tasks/{id}, /health/ready. It is strict where the
benchmark could be wrong: a missing or unknown bearer token is 401, a POST without a JSON
content type or a PATCH without a JSON (merge patch) content type is 415, a bad body is 400.
Used by `BENCH_APP_DIR` (see bench/README.md) to prove that seed.py, the wrk scripts and
the report handle the task scenarios before the real endpoints exist.
"""

import argparse
import json
import secrets
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
USERS = {}    # email -> user
TOKENS = {}   # access token -> email
TASKS = {}    # id -> task (with "_owner")


def now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def public(task):
    return {k: v for k, v in task.items() if not k.startswith("_")}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, body, headers=None):
        data = json.dumps(body, separators=(",", ":")).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def problem(self, status, title):
        self.send_json(status, {"type": "about:blank", "title": title, "status": status})

    def body(self, media_types):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        if content_type not in media_types:
            self.problem(415, "Unsupported media type")
            return None
        try:
            return json.loads(raw)
        except ValueError:
            self.problem(400, "Malformed JSON")
            return None

    def caller(self):
        auth = self.headers.get("Authorization") or ""
        email = TOKENS.get(auth[7:]) if auth.startswith("Bearer ") else None
        if email is None:
            self.problem(401, "Unauthorized")
        return email

    def route(self):
        url = urllib.parse.urlsplit(self.path)
        return url.path.rstrip("/"), urllib.parse.parse_qs(url.query)

    def do_GET(self):
        path, query = self.route()
        if path in ("/health/ready", "/health/live"):
            data = b"Healthy"
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        email = self.caller()
        if email is None:
            return
        if path == "/api/v1/users/me":
            self.send_json(200, USERS[email]["public"])
        elif path == "/api/v1/tasks":
            limit = min(int(query.get("limit", ["50"])[0]), 200)
            tag = query.get("tag", [None])[0]
            with LOCK:
                mine = [t for t in TASKS.values() if t["_owner"] == email and (tag is None or tag in t["tags"])]
            mine.sort(key=lambda t: t["_seq"], reverse=True)
            self.send_json(200, {"items": [public(t) for t in mine[:limit]],
                                 "nextCursor": "fake" if len(mine) > limit else None})
        elif path.startswith("/api/v1/tasks/"):
            task = TASKS.get(path.rsplit("/", 1)[1])
            if task is None or task["_owner"] != email:
                self.problem(404, "Not found")
            else:
                self.send_json(200, public(task))
        else:
            self.problem(404, "Not found")

    def do_POST(self):
        path, _ = self.route()
        if path == "/api/v1/auth/register":
            body = self.body(("application/json",))
            if body is None:
                return
            with LOCK:
                if body["email"] in USERS:
                    self.problem(409, "Conflict")
                    return
                user = {"id": str(uuid.uuid4()), "email": body["email"], "firstName": body["firstName"],
                        "lastName": body["lastName"], "role": "user", "createdAt": now(), "updatedAt": now()}
                USERS[body["email"]] = {"password": body["password"], "public": user, "inbox": str(uuid.uuid4())}
            self.send_json(201, user, {"Location": f"/api/v1/users/{user['id']}"})
        elif path == "/api/v1/auth/login":
            body = self.body(("application/json",))
            if body is None:
                return
            user = USERS.get(body.get("email"))
            if user is None or user["password"] != body.get("password"):
                self.problem(401, "Unauthorized")
                return
            token = secrets.token_urlsafe(32)
            TOKENS[token] = body["email"]
            self.send_json(200, {"accessToken": token, "tokenType": "Bearer", "expiresIn": 900,
                                 "refreshToken": secrets.token_urlsafe(32)})
        elif path == "/api/v1/tasks":
            email = self.caller()
            if email is None:
                return
            body = self.body(("application/json",))
            if body is None:
                return
            if not isinstance(body.get("title"), str) or not body["title"]:
                self.problem(400, "Validation failed")
                return
            with LOCK:
                task = {"id": str(uuid.uuid4()), "projectId": USERS[email]["inbox"], "title": body["title"],
                        "description": body.get("description"), "completed": False, "completedAt": None,
                        "dueAt": body.get("dueAt"), "priority": body.get("priority", "none"),
                        "tags": body.get("tags", []), "createdAt": now(), "updatedAt": now(),
                        "_owner": email, "_seq": len(TASKS)}
                TASKS[task["id"]] = task
            self.send_json(201, public(task), {"Location": f"/api/v1/tasks/{task['id']}"})
        else:
            self.problem(404, "Not found")

    def do_PATCH(self):
        path, _ = self.route()
        email = self.caller()
        if email is None:
            return
        if not path.startswith("/api/v1/tasks/"):
            self.problem(404, "Not found")
            return
        body = self.body(("application/json", "application/merge-patch+json"))
        if body is None:
            return
        task = TASKS.get(path.rsplit("/", 1)[1])
        if task is None or task["_owner"] != email:
            self.problem(404, "Not found")
            return
        with LOCK:
            for key in ("title", "description", "dueAt", "priority", "tags"):
                if key in body:
                    task[key] = body[key]
            if "completed" in body:
                task["completed"] = bool(body["completed"])
                task["completedAt"] = now() if task["completed"] else None
            task["updatedAt"] = now()
        self.send_json(200, public(task))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--urls", required=True)
    args, _ = parser.parse_known_args()
    url = urllib.parse.urlsplit(args.urls)
    if url.hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("fake_api: loopback only")
    ThreadingHTTPServer(("127.0.0.1", url.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
