// Delivery lag (issue 7) and hub latency (issue 8), measured against a running Taskforge:
//
//   node bench/tools/latency.mjs --base http://127.0.0.1:PORT --email E --password P --smtp-port N
//        [--amqp amqp://user:pass@127.0.0.1:PORT/] --out FILE.json [--provider sqlite]
//        [--writers 16] [--rate 100] [--seconds 20] [--saturated-seconds 10] [--registration-rate 5]
//        [--hub-clients 1] [--drain-seconds 30] [--warmup-seconds 3] [--settle-seconds 120]
//
// It listens for mail on 127.0.0.1:N itself (Taskforge must be started with Email:Smtp:Host
// 127.0.0.1 and Email:Smtp:Port N), connects --hub-clients SignalR clients (WebSockets) as the
// measured user, and, with --amqp, binds a private queue to the topic exchange taskforge.events.
// Then, per phase, --writers loops create tasks as the measured user (POST /api/v1/tasks), each
// write's task.created event awaited on the hub and on RabbitMQ, while one loop registers new
// users (POST /api/v1/auth/register) whose user.registered events are awaited on RabbitMQ and
// whose welcome mails are awaited at the SMTP server:
//   moderate:  --rate writes/s in all (paced), for --seconds
//   saturated: the writers as fast as the server answers (as wrk's create scenario), --saturated-seconds
// First it waits up to --settle-seconds for the events already waiting (taskforge_events_waiting
// on /metrics: seeding leaves thousands when delivery falls behind) to be delivered, since new
// events queue behind them; the backlog found and whether it drained are reported.
// Before the phases, --warmup-seconds of the moderate load, not reported, warm the new process up (JIT,
// connection pools, the broker and SMTP connections) and are drained before measuring.
// After the writers stop it waits up to --drain-seconds for what is still on its way (the
// rest is reported missing).
//
// Lags are measured twice, because the commit itself is not visible from outside:
//   from201:        receipt minus the moment the write's 201 reached this client (after the commit,
//                   so this slightly understates the lag; it is negative when the event overtook
//                   the response)
//   fromOccurredAt: receipt minus the event's occurredAt, stamped inside the write's transaction
//                   (before the commit, so this slightly overstates it). The mail carries no
//                   occurredAt: its Message-ID names the event, whose occurredAt comes from the
//                   same event seen on RabbitMQ (so only with --amqp).
// The true commit-to-delivery lag lies between the two. One clock (this machine's) throughout.
import { createRequire } from "node:module";
import http from "node:http";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { randomBytes } from "node:crypto";

// SignalR and the SMTP server are the test peers' packages (tests/node, `npm ci` there).
const testsNode = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "tests", "node", "package.json");
const requireTestPeer = createRequire(testsNode);
const signalR = requireTestPeer("@microsoft/signalr");
const { SMTPServer } = requireTestPeer("smtp-server");

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const number = (name, fallback) => (args[name] === undefined ? fallback : Number(args[name]));
const settings = {
  provider: args.provider ?? null,
  writers: number("writers", 16),
  moderateRate: number("rate", 100),
  moderateSeconds: number("seconds", 20),
  saturatedSeconds: number("saturated-seconds", 10),
  registrationRate: number("registration-rate", 5),
  hubClients: number("hub-clients", 1),
  drainSeconds: number("drain-seconds", 30),
  warmupSeconds: number("warmup-seconds", 3),
  settleSeconds: number("settle-seconds", 120),
  rabbitMq: Boolean(args.amqp),
};
const base = new URL(args.base);
const log = (line) => console.log(`    ${line}`);
// Wall-clock milliseconds with sub-millisecond resolution (comparable with occurredAt).
const now = () => performance.timeOrigin + performance.now();

// ------------------------------------------------------------------ HTTP
const agent = new http.Agent({ keepAlive: true, maxSockets: settings.writers + 4 });

function request(method, pathname, body, token) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { Accept: "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (data) Object.assign(headers, { "Content-Type": "application/json", "Content-Length": data.length });
    const req = http.request(
      { host: base.hostname, port: base.port, path: pathname, method, headers, agent, timeout: 30_000 },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const at = now();
          const text = Buffer.concat(chunks).toString();
          let json = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            // a non-JSON answer is reported by status below
          }
          resolve({ status: res.statusCode, json, text, at });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${pathname} timed out`)));
    req.on("error", reject);
    req.end(data);
  });
}

// ------------------------------------------------------------------ what was written, what arrived
// key (`task.created:<id>`, `user.registered:<id>`, `mail:<address>`) -> moment of the 201
const written = new Map();
// channel -> key -> [{at, occurredAt}] (a hub key is received once per hub client)
const received = { publish: new Map(), hub: new Map(), mail: new Map() };
// event id -> occurredAt in ms (from RabbitMQ), for the mail's lag from occurredAt
const occurredById = new Map();

// Events come at least once: only the first receipt of a key per receiver (hub client) counts.
function receive(channel, key, at, occurredAt, receiver = 0) {
  const list = received[channel].get(key);
  if (!list) received[channel].set(key, [{ at, occurredAt, receiver }]);
  else if (!list.some((r) => r.receiver === receiver)) list.push({ at, occurredAt, receiver });
}

// .NET writes 7 fractional digits; Date.parse keeps milliseconds only, so add the rest back.
function parseTime(text) {
  if (typeof text !== "string") return null;
  const ms = Date.parse(text);
  const fraction = /\.(\d+)/.exec(text)?.[1];
  if (Number.isNaN(ms)) return null;
  return fraction ? ms - (ms % 1000) + Number(`0.${fraction}`) * 1000 : ms;
}

const envelopeKey = (envelope) => (envelope?.data?.id ? `${envelope.type}:${envelope.data.id}` : null);

// ------------------------------------------------------------------ peers
async function startSmtp(port) {
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      let head = "";
      stream.on("data", (chunk) => {
        if (head.length < 16_384) head += chunk.toString("latin1");
      });
      stream.on("end", () => {
        const at = now();
        const messageId = /^Message-ID:\s*<([0-9a-f]{32})@/im.exec(head)?.[1];
        const eventId = messageId?.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
        for (const rcpt of session.envelope.rcptTo) {
          receive("mail", `mail:${rcpt.address.toLowerCase()}`, at, eventId ? { eventId } : null);
        }
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return server;
}

async function connectHub(token, receiver) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${args.base}/hubs/notifications`, {
      transport: signalR.HttpTransportType.WebSockets,
      accessTokenFactory: () => token,
    })
    .configureLogging(signalR.LogLevel.None)
    .build();
  connection.on("event", (envelope) => {
    const key = envelopeKey(envelope);
    if (key) receive("hub", key, now(), parseTime(envelope.occurredAt), receiver);
  });
  await connection.start();
  return connection;
}

async function connectRabbitMq(uri) {
  const { default: amqp } = await import("amqplib");
  const connection = await amqp.connect(uri);
  const channel = await connection.createChannel();
  // The same declaration as Taskforge's, so whichever comes first the exchange is the same.
  await channel.assertExchange("taskforge.events", "topic", { durable: true, autoDelete: false });
  const { queue } = await channel.assertQueue("", { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, "taskforge.events", "#");
  await channel.consume(
    queue,
    (message) => {
      const at = now();
      try {
        const envelope = JSON.parse(message.content.toString());
        const occurredAt = parseTime(envelope.occurredAt);
        occurredById.set(envelope.id, occurredAt);
        const key = envelopeKey(envelope);
        if (key) receive("publish", key, at, occurredAt);
      } catch {
        // not an envelope: not ours to measure
      }
    },
    { noAck: true },
  );
  return connection;
}

// ------------------------------------------------------------------ load
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const runTag = randomBytes(4).toString("hex");

async function writer(token, index, phase, until, interval, counts) {
  let next = now() + (interval ? (index * interval) / settings.writers : 0);
  let n = 0;
  while (now() < until) {
    if (interval) {
      const wait = next - now();
      if (wait > 0) await sleep(wait);
      next = Math.max(next + interval, now() - interval);
      if (now() >= until) break;
    }
    n++;
    const started = now();
    try {
      const answer = await request(
        "POST",
        "/api/v1/tasks",
        { title: `Lag ${phase.name} ${index}-${n}`, priority: "low", tags: ["lag"] },
        token,
      );
      counts.latencies.push(answer.at - started);
      if (answer.status === 201 && answer.json?.id) {
        counts.writes++;
        const key = `task.created:${answer.json.id}`;
        written.set(key, { at: answer.at, phase: phase.name, channels: ["hub", "publish"] });
      } else {
        counts.errors++;
        counts.lastError = `${answer.status} ${answer.text.slice(0, 200)}`;
      }
    } catch (error) {
      counts.errors++;
      counts.lastError = error.message;
    }
  }
}

async function registrar(phase, until, counts) {
  const interval = settings.registrationRate > 0 ? 1000 / settings.registrationRate : 0;
  let next = now();
  let n = 0;
  while (interval && now() < until) {
    const wait = next - now();
    if (wait > 0) await sleep(wait);
    next = Math.max(next + interval, now());
    if (now() >= until) break;
    n++;
    const email = `lag-${runTag}-${phase.name}-${n}@bench.example.com`;
    try {
      const answer = await request("POST", "/api/v1/auth/register", {
        email,
        password: "bench-password-1234",
        firstName: "Lag",
        lastName: "Bench",
      });
      if (answer.status === 201 && answer.json?.id) {
        counts.registrations++;
        written.set(`user.registered:${answer.json.id}`, { at: answer.at, phase: phase.name, channels: ["publish"] });
        written.set(`mail:${email.toLowerCase()}`, { at: answer.at, phase: phase.name, channels: ["mail"] });
      } else {
        counts.errors++;
        counts.lastError = `register: ${answer.status} ${answer.text.slice(0, 200)}`;
      }
    } catch (error) {
      counts.errors++;
      counts.lastError = `register: ${error.message}`;
    }
  }
}

// ------------------------------------------------------------------ figures
function stats(values) {
  if (!values.length) return { count: 0, p50Ms: null, p99Ms: null, maxMs: null };
  const sorted = [...values].sort((a, b) => a - b);
  const pick = (p) => round(sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]);
  return { count: sorted.length, p50Ms: pick(50), p99Ms: pick(99), maxMs: round(sorted[sorted.length - 1]) };
}
const round = (v) => Math.round(v * 1000) / 1000;

function channelFigures(phaseName, channel) {
  const from201 = [];
  const fromOccurredAt = [];
  let expected = 0;
  let missing = 0;
  for (const [key, write] of written) {
    if (write.phase !== phaseName || !write.channels.includes(channel)) continue;
    expected++;
    const receipts = received[channel].get(key);
    if (!receipts) {
      missing++;
      continue;
    }
    // A hub key arrives once per hub client (each one's lag counts); other channels have one receiver.
    for (const r of receipts) {
      from201.push(r.at - write.at);
      const occurredAt = channel === "mail" ? occurredById.get(r.occurredAt?.eventId) : r.occurredAt;
      if (typeof occurredAt === "number") fromOccurredAt.push(r.at - occurredAt);
    }
  }
  return { expected, missing, from201: stats(from201), fromOccurredAt: stats(fromOccurredAt) };
}

function allArrived(phaseName, channels) {
  for (const [key, write] of written) {
    if (write.phase !== phaseName) continue;
    for (const channel of write.channels) {
      if (!channels.includes(channel)) continue;
      const receipts = received[channel].get(key);
      const needed = channel === "hub" ? settings.hubClients : 1;
      if (!receipts || receipts.length < needed) return false;
    }
  }
  return true;
}

// ------------------------------------------------------------------ backlog
async function waiting() {
  const answer = await request("GET", "/metrics");
  const value = (name) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, "m").exec(answer.text)?.[1] ?? NaN);
  return { events: value("taskforge_events_waiting"), oldestAgeSeconds: value("taskforge_events_oldest_waiting_age_seconds") };
}

async function settle() {
  const started = now();
  const atStart = await waiting();
  let last = atStart;
  while (!(last.events === 0) && now() - started < settings.settleSeconds * 1000) {
    await sleep(1000);
    last = await waiting();
  }
  const backlog = { atStart, atEnd: last, settled: last.events === 0, seconds: round((now() - started) / 1000) };
  log(`backlog: ${atStart.events} events waiting (oldest ${atStart.oldestAgeSeconds} s); ` +
    (backlog.settled ? `delivered in ${backlog.seconds} s` : `${last.events} still waiting after ${backlog.seconds} s: the lags below include it`));
  return backlog;
}

// ------------------------------------------------------------------ run
async function main() {
  const smtp = await startSmtp(Number(args["smtp-port"]));
  const login = await request("POST", "/api/v1/auth/login", { email: args.email, password: args.password });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.text.slice(0, 200)}`);
  const token = login.json.accessToken;
  const rabbit = settings.rabbitMq ? await connectRabbitMq(args.amqp) : null;
  const hubs = [];
  for (let i = 0; i < settings.hubClients; i++) hubs.push(await connectHub(token, i));
  const channels = ["hub", "mail", ...(rabbit ? ["publish"] : [])];
  const backlog = await settle();

  const phases = [
    { name: "warmup", rate: settings.moderateRate, seconds: settings.warmupSeconds, unreported: true },
    { name: "moderate", rate: settings.moderateRate, seconds: settings.moderateSeconds },
    { name: "saturated", rate: 0, seconds: settings.saturatedSeconds },
  ].filter((p) => p.seconds > 0);
  const results = [];
  for (const phase of phases) {
    const counts = { writes: 0, registrations: 0, errors: 0, lastError: null, latencies: [] };
    const started = now();
    const until = started + phase.seconds * 1000;
    const interval = phase.rate > 0 ? (1000 * settings.writers) / phase.rate : 0;
    log(`${phase.name}: ${settings.writers} writers, ${phase.rate > 0 ? `${phase.rate} writes/s in all` : "unpaced"}, ` +
      `${settings.registrationRate} registrations/s, ${phase.seconds} s; ${settings.hubClients} hub client(s)` +
      (rabbit ? ", RabbitMQ consumer" : ""));
    await Promise.all([
      ...Array.from({ length: settings.writers }, (_, i) => writer(token, i, phase, until, interval, counts)),
      registrar(phase, until, counts),
    ]);
    const elapsed = (now() - started) / 1000;
    const drainStarted = now();
    while (!allArrived(phase.name, channels) && now() - drainStarted < settings.drainSeconds * 1000) await sleep(50);
    const result = {
      phase: phase.name,
      targetWritesPerSecond: phase.rate || null,
      seconds: round(elapsed),
      writes: counts.writes,
      writesPerSecond: round(counts.writes / elapsed),
      writeLatency: stats(counts.latencies),
      registrations: counts.registrations,
      errors: counts.errors,
      lastError: counts.lastError,
      drainSeconds: round((now() - drainStarted) / 1000),
      waitingAfterDrain: (await waiting()).events,
      channels: Object.fromEntries(channels.map((c) => [c, channelFigures(phase.name, c)])),
    };
    if (phase.unreported) {
      log(`  warm-up: ${result.writes} writes, ${result.registrations} registrations, drained in ${result.drainSeconds} s`);
      continue;
    }
    results.push(result);
    const line = (c) => {
      const f = result.channels[c];
      return `${c} p50 ${f.from201.p50Ms} ms p99 ${f.from201.p99Ms} ms (n ${f.from201.count}, missing ${f.missing})`;
    };
    log(`  ${result.writes} writes (${result.writesPerSecond}/s, ${result.errors} errors), ${result.registrations} registrations; ` +
      channels.map(line).join("; "));
  }

  writeFileSync(args.out, JSON.stringify({ settings, commitTime: "both", backlog, phases: results }, null, 2) + "\n");
  await Promise.all(hubs.map((h) => h.stop()));
  if (rabbit) await rabbit.close();
  smtp.close();
  agent.destroy();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`latency: ${error.stack ?? error}`);
    process.exit(1);
  },
);
