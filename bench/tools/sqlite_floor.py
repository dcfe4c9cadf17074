#!/usr/bin/env python3
"""What SQLite alone does for a create and a patch: the statements Taskforge runs for them, in
the same order, in groups of writes that commit together (as SQLite's group commit does), on a
copy of the seeded database, from one thread (SQLite lets one writer in at a time) and
without Taskforge: no HTTP, no authentication, no JSON, no delivery of the events.

    sqlite_floor.py --db SEEDED.db --email USER --scenario create|patch --seconds S --round N --work DIR
    sqlite_floor.py ... --blob-ids     # the same, with the ids stored and bound as 16-byte blobs
    sqlite_floor.py ... --by-statement # also prints each statement's time per write

Appends one round to DIR/rounds.jsonl as target "database" (see report.py), so the report can
set Taskforge's rate beside the most the database could give it on this machine. Python's own
cost per statement (a few microseconds) is included: a program in C would do somewhat better.
Standard library only.

--blob-ids answers what the issue's "narrower keys" would give before anyone migrates the
application: it rewrites the copy's ids (users, projects, tasks, tags, history, events, search
rows) from 36-character text to 16-byte blobs and binds new ids the same way. It records
nothing in rounds.jsonl (the report is about the schema Taskforge has); it prints. Nor does
--by-statement, whose clock around each statement slows the round it times.
"""

import argparse
import collections
import json
import os
import random
import shutil
import sqlite3
import tempfile
import time
import uuid

ID_COLUMNS = {"users": ["id"], "projects": ["id", "owner_id"], "tasks": ["id", "owner_id", "project_id"],
              "task_tags": ["task_id", "owner_id"], "task_history": ["id", "task_id", "owner_id", "actor_id"],
              "outbox_events": ["id", "user_id"], "task_search_rows": ["task_id"]}
BLOB_IDS = False  # set by --blob-ids
GROUP = 8  # writes per group commit: the average group under the bench's 16 connections

HISTORY_CREATED = json.dumps({
    "projectId": {"from": None, "to": "00000000-0000-7000-8000-0000000000aa"},
    "title": {"from": None, "to": "Bench created task"}, "completed": {"from": None, "to": False},
    "status": {"from": None, "to": "todo"}, "dueAt": {"from": None, "to": "2027-01-05T09:00:00Z"},
    "priority": {"from": None, "to": "high"}, "tags": {"from": None, "to": ["urgent", "work"]}})
HISTORY_UPDATED = json.dumps({"completed": {"from": False, "to": True}, "status": {"from": "todo", "to": "done"}})
ENVELOPE = json.dumps({
    "id": "00000000-0000-7000-8000-000000000001", "type": "task.created",
    "occurredAt": "2026-12-02T09:59:50.453717Z", "userId": "00000000-0000-7000-8000-000000000001",
    "data": {"id": "00000000-0000-7000-8000-000000000002", "projectId": "00000000-0000-7000-8000-0000000000aa",
             "title": "Bench created task 1", "description": None, "completed": False, "completedAt": None,
             "dueAt": "2027-01-05T09:00:00Z", "priority": "high", "tags": ["urgent", "work"], "status": "todo",
             "createdAt": "2026-12-02T09:59:50.453717Z", "updatedAt": "2026-12-02T09:59:50.453717Z", "version": 1}})


def uuid7():
    """A time-ordered id, as Guid.CreateVersion7 makes them."""
    value = (int(time.time() * 1000) << 80) | (0x7 << 76) | (random.getrandbits(76))
    value = uuid.UUID(int=value)
    return value.bytes if BLOB_IDS else str(value)


def to_blob_ids(db):
    """Every id column of the tables a create or a patch touches, as 16 bytes; then a VACUUM, so
    both layouts are measured freshly packed."""
    db.create_function("id_blob", 1, lambda text: None if text is None else uuid.UUID(text).bytes)
    db.execute("BEGIN")
    for table, columns in ID_COLUMNS.items():
        db.execute(f"UPDATE {table} SET " + ", ".join(f"{c} = id_blob({c})" for c in columns))
    db.execute("COMMIT")
    db.execute("VACUUM")


def now_text():
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + f".{int(time.time() * 1e6) % 1_000_000:06d}Z"


def create(db, owner, project, n):
    db.execute("SAVEPOINT group_member")
    db.execute("SELECT 1 FROM projects WHERE id = ? AND owner_id = ? AND deleted_at IS NULL", (project, owner)).fetchone()
    task, at = uuid7(), now_text()
    title = f"Bench created task {n}"
    db.execute(
        "INSERT INTO tasks (id, owner_id, project_id, title, description, completed, status, completed_at, due_at, "
        "priority, created_at, updated_at, deleted_at, version) VALUES (?, ?, ?, ?, NULL, 0, 'todo', NULL, ?, ?, ?, ?, NULL, 1)",
        (task, owner, project, title, f"2027-01-{n % 28 + 1:02d}T09:00:00.000000Z", n % 4, at, at))
    db.execute("INSERT INTO task_tags (task_id, owner_id, tag) VALUES (?, ?, 'urgent'), (?, ?, 'work')",
               (task, owner, task, owner))
    db.execute("INSERT INTO task_search_rows (task_id) VALUES (?)", (task,))
    db.execute("INSERT INTO task_search (rowid, title, tags, project, description) VALUES (last_insert_rowid(), ?, "
               "'urgent work', COALESCE((SELECT name FROM projects WHERE id = ?), ''), '')", (title, project))
    db.execute("INSERT INTO task_history (id, task_id, owner_id, occurred_at, actor_id, type, changes) "
               "VALUES (?, ?, ?, ?, ?, 'created', ?)", (uuid7(), task, owner, at, owner, HISTORY_CREATED))
    db.execute("INSERT INTO outbox_events (id, type, user_id, occurred_at, envelope) VALUES (?, 'task.created', ?, ?, ?)",
               (uuid7(), owner, at, ENVELOPE))
    db.execute("RELEASE group_member")


def patch(db, owner, ids, n):
    # Read before the write, outside the writer's turn (the merge patch and the history need the row).
    task = random.choice(ids)
    row = db.execute("SELECT project_id, version FROM tasks WHERE id = ? AND owner_id = ?", (task, owner)).fetchone()
    db.execute("SELECT tag FROM task_tags WHERE task_id = ?", (task,)).fetchall()
    project, version = row
    retitle = n % 2 == 1
    at = now_text()
    db.execute("SAVEPOINT group_member")
    db.execute("SELECT 1 FROM projects WHERE id = ? AND owner_id = ? AND deleted_at IS NULL", (project, owner)).fetchone()
    db.execute(
        "UPDATE tasks SET title = CASE WHEN ? THEN ? ELSE title END, completed = ?, status = ?, completed_at = ?, "
        "updated_at = ?, version = ? WHERE id = ? AND owner_id = ? AND version = ?",
        (retitle, f"Bench patched title {n}", 0 if retitle else 1, "todo" if retitle else "done",
         None if retitle else at, at, version + 1, task, owner, version))
    db.execute("INSERT INTO task_history (id, task_id, owner_id, occurred_at, actor_id, type, changes) "
               "VALUES (?, ?, ?, ?, ?, 'updated', ?)", (uuid7(), task, owner, at, owner, HISTORY_UPDATED))
    db.execute("INSERT INTO outbox_events (id, type, user_id, occurred_at, envelope) VALUES (?, 'task.updated', ?, ?, ?)",
               (uuid7(), owner, at, ENVELOPE))
    if retitle:
        db.execute("UPDATE task_search SET title = ?, tags = 'urgent work', description = '', "
                   "project = COALESCE((SELECT name FROM projects WHERE id = ?), '') "
                   "WHERE rowid = (SELECT rowid FROM task_search_rows WHERE task_id = ?)",
                   (f"Bench patched title {n}", project, task))
    db.execute("RELEASE group_member")


class TimedStatements:
    """Stands in for the connection and adds up each statement's time, rows read included
    (--by-statement). The clock's own cost, about a microsecond a statement, is in the totals."""

    def __init__(self, db):
        self.db, self.seconds = db, collections.defaultdict(float)

    def execute(self, sql, parameters=()):
        started = time.perf_counter()
        rows = self.db.execute(sql, parameters).fetchall()
        self.seconds[" ".join(sql.split())[:60]] += time.perf_counter() - started
        return Rows(rows)


class Rows:
    def __init__(self, rows):
        self.rows = rows

    def fetchone(self):
        return self.rows[0] if self.rows else None

    def fetchall(self):
        return self.rows


def measure(db, scenario, owner, project, ids, seconds):
    """Writes in groups of GROUP for about `seconds`; answers (writes, wall seconds, latencies per write in ms)."""
    done, latencies = 0, []
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        group_start = time.perf_counter()
        db.execute("BEGIN")
        for _ in range(GROUP):
            done += 1
            create(db, owner, project, done) if scenario == "create" else patch(db, owner, ids, done)
        db.execute("COMMIT")
        # Every write of a group is answered when the group commits.
        latencies.extend([(time.perf_counter() - group_start) * 1000] * GROUP)
    return done, time.perf_counter() - started, latencies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--scenario", choices=("create", "patch"), required=True)
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", required=True)
    parser.add_argument("--blob-ids", action="store_true")
    parser.add_argument("--by-statement", action="store_true")
    args = parser.parse_args()
    global BLOB_IDS
    BLOB_IDS = args.blob_ids

    scratch = tempfile.mkdtemp(prefix="taskforge-floor-")
    try:
        copy = os.path.join(scratch, "floor.db")
        with sqlite3.connect(args.db) as source, sqlite3.connect(copy) as target:
            source.backup(target)  # a consistent copy, even while Taskforge still has the file open
        db = sqlite3.connect(copy, isolation_level=None)
        if BLOB_IDS:
            to_blob_ids(db)
        else:
            db.execute("VACUUM")
        # Taskforge's settings on every connection (SqliteConnectionFactory).
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        # As on Taskforge's writer, no checkpoint in a write's path; here none at all during a
        # round (the WAL is emptied before each), so this is the best case: a ceiling, not a cost.
        db.execute("PRAGMA wal_autocheckpoint = 0")
        owner = db.execute("SELECT id FROM users WHERE email = ?", (args.email,)).fetchone()[0]
        project = db.execute("SELECT id FROM projects WHERE owner_id = ? AND deleted_at IS NULL ORDER BY created_at LIMIT 1",
                             (owner,)).fetchone()[0]
        ids = [r[0] for r in db.execute("SELECT id FROM tasks WHERE owner_id = ? AND deleted_at IS NULL", (owner,))]
        measure(db, args.scenario, owner, project, ids, args.warmup)
        for round_no in range(1, args.rounds + 1):
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cpu_before = time.process_time()
            timed = TimedStatements(db) if args.by_statement else None
            done, wall, latencies = measure(timed or db, args.scenario, owner, project, ids, args.seconds)
            cpu = time.process_time() - cpu_before
            latencies.sort()
            row = {"target": "database", "provider": "sqlite", "scenario": args.scenario, "round": round_no,
                   "rps": done / wall, "requests": done, "non2xx": 0, "socketErrors": 0,
                   "p50Ms": latencies[len(latencies) // 2], "p99Ms": latencies[len(latencies) * 99 // 100],
                   "cpuUs": round(cpu * 1e6), "cpuUsPerRequest": round(cpu * 1e6 / done, 1)}
            if not BLOB_IDS and not args.by_statement:  # variants and timed rounds are not the floor
                with open(os.path.join(args.work, "rounds.jsonl"), "a") as f:
                    f.write(json.dumps(row) + "\n")
            print(f"    round {round_no}: {row['rps']:>9.0f} writes/s  {row['cpuUsPerRequest']} CPU-us per write")
            for statement, spent in sorted((timed.seconds.items() if timed else []), key=lambda kv: -kv[1]):
                print(f"      {spent / done * 1e6:7.1f} us per write  {statement}")
        db.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
