// A webhook receiver for the integration tests: verifies every delivery with the reference
// Standard Webhooks library (npm standardwebhooks) and prints each one as a JSON line on stdout.
// Listens on 127.0.0.1 (a free port unless --port is given). Endpoints are set up by the test:
//   PUT /__control/<name> {secret, failFirst, failStatus, status, redirectTo, delayMs}
// then deliveries to /<name> are verified with that secret and answered, after delayMs (default
// 0), with failStatus (default 500) for the first failFirst of them, then with a 302 to
// redirectTo if set, else with status (default 200). A delivery that does not verify is answered
// 401 and printed as "unverified".
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const endpoints = new Map();
const print = (line) => console.log(JSON.stringify(line));

const server = createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks);
    const path = new URL(request.url, "http://receiver").pathname;
    if (path.startsWith("/__control/") && request.method === "PUT") {
      endpoints.set(path.slice("/__control/".length), {
        failFirst: 0,
        failStatus: 500,
        status: 200,
        delayMs: 0,
        ...JSON.parse(body.toString()),
      });
      response.writeHead(204).end();
      return;
    }

    const name = path.slice(1);
    const endpoint = endpoints.get(name);
    if (!endpoint) {
      print({ event: "unknown", name, method: request.method });
      response.writeHead(404).end();
      return;
    }

    let payload;
    try {
      payload = new Webhook(endpoint.secret).verify(body, request.headers);
    } catch (error) {
      print({ event: "unverified", name, error: String(error.message ?? error) });
      response.writeHead(401).end();
      return;
    }

    let status = endpoint.status;
    const headers = {};
    if (endpoint.failFirst > 0) {
      endpoint.failFirst--;
      status = endpoint.failStatus;
    } else if (endpoint.redirectTo) {
      status = 302;
      headers.location = endpoint.redirectTo;
    }

    print({
      event: "delivery",
      name,
      status,
      id: request.headers["webhook-id"],
      timestamp: Number(request.headers["webhook-timestamp"]),
      contentType: request.headers["content-type"],
      type: payload.type,
      payload,
    });
    setTimeout(() => response.writeHead(status, headers).end(status >= 400 ? "not now" : "ok"), endpoint.delayMs);
  });
});

server.listen(Number(args.port ?? 0), "127.0.0.1", () => {
  print({ event: "listening", port: server.address().port });
});
