// Multi-instance tests on the topology of deploy/local/cluster.sh (nginx, two API instances,
// workers, PostgreSQL, Redis, RabbitMQ), run by tests/cluster/run.sh. They speak HTTP to nginx
// and to the instances directly, as clients and operators would. Every wait is on a condition
// with a deadline: the machine may be busy with the rest of the suite.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { spawn, execFileSync } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { randomUUID } from "node:crypto";
import path from "node:path";

const state = process.env.TASKFORGE_CLUSTER_DIR;
assert.ok(state && existsSync(`${state}/cluster.env`), "TASKFORGE_CLUSTER_DIR must name a running cluster");
const settings = Object.fromEntries(
  readFileSync(`${state}/cluster.env`, "utf8")
    .split("\n")
    .filter((line) => line.includes("="))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
);
const nginx = settings.TASKFORGE_URL;
const instances = [settings.TASKFORGE_API_1_URL, settings.TASKFORGE_API_2_URL];
const workers = Number(settings.TASKFORGE_WORKERS);
const repo = path.resolve(import.meta.dirname, "../..");

// Each test is a client of its own loopback address (127.0.0.0/8 is all loopback on Linux), so
// per-address limits (the auth quota) of one test never eat into another's.
let nextAddress = 2 + Math.floor(Math.random() * 150);
const newAddress = () => `127.0.0.${nextAddress++}`;

/** One HTTP exchange; answers {status, headers, body} (body parsed when JSON); network errors reject. */
function request(baseUrl, method, route, { token, body, address, headers = {}, agent } = {}) {
  const url = new URL(route, baseUrl);
  const payload = body === undefined ? undefined : Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        localAddress: address,
        agent,
        headers: {
          ...(payload ? { "content-type": "application/json", "content-length": payload.length } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        timeout: 30_000,
      },
      (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed = text;
          if (/json/.test(res.headers["content-type"] ?? "") && text) parsed = JSON.parse(text);
          resolve({ status: res.statusCode, headers: res.headers, body: parsed });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on("error", reject);
    req.end(payload);
  });
}

/** Polls `condition` until it answers a truthy value, or fails naming `what` after `seconds`. */
async function waitUntil(condition, seconds, what) {
  const deadline = Date.now() + seconds * 1000;
  let last;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      assert.fail(`waited ${seconds} s for ${what}${last ? `; last error: ${last.message}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function expectStatus(response, status, what) {
  assert.equal(response.status, status, `${what}: ${JSON.stringify(response.body)}`);
  return response;
}

/** A new account, logged in through nginx from `address`. */
async function newUser(address) {
  const email = `cluster-${randomUUID()}@example.com`;
  const password = "correct-horse-battery";
  expectStatus(
    await request(nginx, "POST", "/api/v1/auth/register", {
      address,
      body: { email, password, firstName: "Cluster", lastName: "Test" },
    }),
    201,
    "register",
  );
  const login = expectStatus(
    await request(nginx, "POST", "/api/v1/auth/login", { address, body: { email, password } }),
    200,
    "login",
  );
  return { email, token: login.body.accessToken, address };
}

function nginxLog() {
  return readFileSync(`${state}/nginx/access.log`, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

test("nginx keeps /metrics (any spelling) to the inside and refuses oversized bodies like the app", async () => {
  for (const route of ["/metrics", "/METRICS", "/Metrics/", "/%6detrics"]) {
    const response = await request(nginx, "GET", route);
    assert.equal(response.status, 403, `${route} through nginx`);
  }
  expectStatus(await request(instances[0], "GET", "/metrics"), 200, "/metrics on an instance");

  const address = newAddress();
  const user = await newUser(address);
  const tooLarge = await request(nginx, "POST", "/api/v1/tasks", {
    token: user.token,
    address,
    body: { title: "big", description: "x".repeat(1024 * 1024) },
  });
  assert.equal(tooLarge.status, 413);
  assert.equal(tooLarge.headers["content-type"], "application/problem+json");
  assert.equal(tooLarge.body.status, 413);
});

test("rate limits hold as one quota across instances, through nginx and directly", async () => {
  const limit = Number(process.env.RateLimiting__Auth__PermitLimit ?? 20);
  for (const route of ["nginx", "direct"]) {
    const address = newAddress();
    const started = Date.now();
    const statuses = [];
    for (let i = 0; i < limit + 3; i++) {
      // Through nginx its round robin alternates the instances; directly, this loop does.
      const base = route === "nginx" ? nginx : instances[i % 2];
      const response = await request(base, "POST", "/api/v1/auth/refresh", {
        address,
        body: { refreshToken: `not-a-token-${i}` },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        assert.ok(response.headers["retry-after"], "429 carries Retry-After");
      }
    }
    assert.ok(Date.now() - started < 55_000, "the requests fit in one 60 s window");
    assert.deepEqual(
      statuses,
      [...Array(limit).fill(401), 429, 429, 429],
      `${route}: ${limit} answers, then 429, counted once for both instances`,
    );
    if (route === "nginx") {
      const upstreams = new Set(
        nginxLog()
          .filter((line) => line.client === address)
          .map((line) => line.upstream),
      );
      assert.equal(upstreams.size, 2, `nginx spread the requests over both instances: ${[...upstreams]}`);
    }
  }
});

test("a write on one instance is read at once on the other", async () => {
  const address = newAddress();
  const user = await newUser(address);
  const options = { token: user.token, address };
  for (let round = 0; round < 6; round++) {
    const [writer, reader] = round % 2 === 0 ? instances : [...instances].reverse();
    // The reader has the list in its cache before the write.
    expectStatus(await request(reader, "GET", "/api/v1/tasks?limit=200", options), 200, "list before");
    const created = expectStatus(
      await request(writer, "POST", "/api/v1/tasks", { ...options, body: { title: `round ${round}` } }),
      201,
      "create",
    );
    const id = created.body.id;
    const read = expectStatus(await request(reader, "GET", `/api/v1/tasks/${id}`, options), 200, "read on the other");
    assert.equal(read.headers.etag, created.headers.etag);
    const list = expectStatus(await request(reader, "GET", "/api/v1/tasks?limit=200", options), 200, "list after");
    assert.ok(
      list.body.items.some((task) => task.id === id),
      "the other instance's cached list shows the new task",
    );

    const patched = expectStatus(
      await request(reader, "PATCH", `/api/v1/tasks/${id}`, {
        ...options,
        headers: { "if-match": read.headers.etag },
        body: { title: `round ${round}, edited` },
      }),
      200,
      "patch on the other",
    );
    const again = expectStatus(await request(writer, "GET", `/api/v1/tasks/${id}`, options), 200, "read back");
    assert.equal(again.body.title, `round ${round}, edited`);
    assert.equal(again.headers.etag, patched.headers.etag);
  }
});

test("a hub client connected through nginx (WebSockets) receives changes made on either instance", async (t) => {
  const address = newAddress();
  const user = await newUser(address);
  const client = spawn(process.execPath, [`${repo}/tests/node/hub-client.mjs`, nginx, user.token, "webSockets"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  t.after(() => client.kill());
  let exited = null;
  client.on("exit", (code) => (exited = code));
  const lines = [];
  createInterface({ input: client.stdout }).on("line", (line) => lines.push(JSON.parse(line)));
  await waitUntil(
    () => lines.find((line) => line.event !== "message") ?? (exited !== null && { event: `exited with ${exited}` }),
    60,
    "the hub client to connect",
  );
  assert.equal(lines[0].event, "connected", JSON.stringify(lines[0]));

  const ids = [];
  for (const instance of instances) {
    const created = expectStatus(
      await request(instance, "POST", "/api/v1/tasks", { token: user.token, address, body: { title: "live" } }),
      201,
      "create",
    );
    ids.push(created.body.id);
  }
  for (const id of ids) {
    await waitUntil(
      () => lines.some((line) => line.envelope?.type === "task.created" && line.envelope.data.id === id),
      30,
      `task.created for ${id} on the hub connection`,
    );
  }
  // nginx logs a WebSocket when it closes: 101, the upgrade.
  client.kill();
  await waitUntil(
    () => nginxLog().some((line) => line.path === "/hubs/notifications" && line.status === 101),
    30,
    "nginx to log the WebSocket upgrade of /hubs/notifications",
  );
});

test("each job run happens once across the workers", async () => {
  const address = newAddress();
  const password = readFileSync(settings.TASKFORGE_ADMIN_PASSWORD_FILE, "utf8").trim();
  const login = expectStatus(
    await request(nginx, "POST", "/api/v1/auth/login", {
      address,
      body: { email: settings.TASKFORGE_ADMIN_EMAIL, password },
    }),
    200,
    "admin login",
  );
  const admin = { token: login.body.accessToken, address };
  const runs = (name) => {
    let count = 0;
    for (let i = 1; i <= workers; i++) {
      count += readFileSync(`${state}/logs/worker-${i}.log`, "utf8").split(`"Message":"Job ${name} started"`).length - 1;
    }
    for (const api of ["api-1", "api-2"]) {
      assert.ok(
        !readFileSync(`${state}/logs/${api}.log`, "utf8").includes(`"Message":"Job ${name} started"`),
        `${api} runs no job (Workers:Enabled=false)`,
      );
    }
    return count;
  };

  // The rare jobs (not due by schedule while the test runs): one request, exactly one run, even
  // with every worker polling for it.
  const rare = ["purge", "weekly-summary", "system-report"];
  const before = Object.fromEntries(rare.map((name) => [name, runs(name)]));
  for (const [index, name] of rare.entries()) {
    const requestedAt = new Date();
    expectStatus(await request(instances[index % 2], "POST", `/api/v1/admin/jobs/${name}/run`, admin), 202, "run");
    await waitUntil(
      async () => {
        const jobs = expectStatus(await request(nginx, "GET", "/api/v1/admin/jobs", admin), 200, "jobs").body;
        const job = jobs.find((j) => j.name === name);
        return job.lastRunAt && new Date(job.lastRunAt) >= new Date(requestedAt.getTime() - 1000) && job;
      },
      60,
      `${name} to run`,
    );
    // Wait for the log lines to be written and give a second claimer every chance to show up.
    await waitUntil(() => runs(name) > before[name], 10, `${name}'s run in a worker log`);
    const jobs = expectStatus(await request(instances[(index + 1) % 2], "GET", "/api/v1/admin/jobs", admin), 200, "jobs");
    assert.equal(jobs.body.find((j) => j.name === name).lastStatus, "succeeded");
    assert.equal(runs(name) - before[name], 1, `${name} ran once`);
  }

  // due-reminders also runs every minute by schedule, so its count is not exact; it runs in a
  // worker when asked, never in an API instance.
  expectStatus(await request(instances[0], "POST", "/api/v1/admin/jobs/due-reminders/run", admin), 202, "run");
  await waitUntil(() => runs("due-reminders") > 0, 90, "due-reminders to run");

  // Still once each, now that every worker has had time to claim a run it should not have.
  for (const name of rare) {
    assert.equal(runs(name) - before[name], 1, `${name} ran once`);
  }
});

test("kill -9 of an instance under write load loses no acknowledged write; errors stop within 2 s", async () => {
  const writers = await Promise.all([0, 1, 2, 3].map(() => newUser(newAddress())));
  const outcomes = [];
  let killedAt;
  let stopAt = Infinity;
  const started = Date.now();
  const maxWrites = 4000;

  const loop = async (user) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; Date.now() < stopAt && Date.now() - started < 120_000 && outcomes.length < maxWrites; i++) {
      const at = Date.now();
      try {
        const response = await request(nginx, "POST", "/api/v1/tasks", {
          token: user.token,
          address: user.address,
          agent,
          body: { title: `load ${i}` },
        });
        outcomes.push({ user, at, done: Date.now(), status: response.status, id: response.body?.id });
      } catch (error) {
        outcomes.push({ user, at, done: Date.now(), status: 0, error: error.message });
      }
    }
    agent.destroy();
  };
  const load = Promise.all(writers.map(loop));

  await waitUntil(() => outcomes.filter((o) => o.status === 201).length >= 40, 60, "40 acknowledged writes");
  const pid = Number(readFileSync(`${state}/pids/api-1`, "utf8").trim());
  assert.ok(readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("Taskforge.Api.dll"), "pids/api-1 is the API");
  killedAt = Date.now();
  process.kill(pid, "SIGKILL");
  // Keep writing until 40 more writes are acknowledged after the kill and 4 s have passed.
  await waitUntil(
    () => Date.now() - killedAt > 4000 && outcomes.filter((o) => o.at > killedAt && o.status === 201).length >= 40,
    60,
    "writes acknowledged after the kill",
  );
  stopAt = Date.now();
  await load;

  const failures = outcomes.filter((o) => o.status !== 201);
  const lateFailures = failures.filter((o) => o.done < killedAt || o.done > killedAt + 2000);
  assert.deepEqual(
    lateFailures.map((o) => ({ ms: o.done - killedAt, status: o.status, error: o.error })),
    [],
    `only writes in flight at the kill may fail (${failures.length} failed, ${outcomes.length} in all)`,
  );

  // The writes in flight at the kill were answered by nginx (a 503 problem with Retry-After), not dropped.
  assert.deepEqual([...new Set(failures.map((o) => o.status))].filter((s) => s !== 503), [], "failed writes are 503s");

  // Every acknowledged write is there, read through nginx (now served by the survivor).
  for (const user of writers) {
    const acknowledged = outcomes.filter((o) => o.user === user && o.status === 201).map((o) => o.id);
    const stored = new Set();
    let cursor = null;
    do {
      const route = `/api/v1/tasks?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = expectStatus(await request(nginx, "GET", route, { token: user.token, address: user.address }), 200, "list");
      page.body.items.forEach((task) => stored.add(task.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const missing = acknowledged.filter((id) => !stored.has(id));
    assert.deepEqual(missing, [], `acknowledged writes of ${user.email} are all readable`);
  }
  const answeredAfterKill = outcomes.filter((o) => o.at > killedAt + 2000 && o.status === 201).length;
  assert.ok(answeredAfterKill > 0, "nginx kept answering after the kill");
  console.log(
    `# kill -9: ${outcomes.length} writes, ${failures.length} failed (statuses ${[
      ...new Set(failures.map((o) => o.status)),
    ]}, all within ${
      failures.length ? Math.max(...failures.map((o) => o.done - killedAt)) : 0
    } ms of the kill), ${answeredAfterKill} acknowledged from 2 s after it`,
  );
});
