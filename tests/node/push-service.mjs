// A test push service (RFC 8030) on 127.0.0.1: it makes subscriptions (its own P-256 key pair
// and auth secret, as a browser does), verifies each message's VAPID authorization (RFC 8292,
// ES256 with the `k` key: aud = its origin, exp in the future, sub), decrypts the body with
// http_ece (RFC 8291) and prints each verified message as one JSON line on stdout.
//   GET  /subscribe         -> {endpoint, keys: {p256dh, auth}}
//   POST /script/:id        body [500, 201] -> the next answers for that subscription (then 201)
//   GET  /vapid             -> a VAPID key pair made by web-push, for the application server
import http from "node:http";
import crypto from "node:crypto";
import ece from "http_ece";
import webpush from "web-push";

const subscriptions = new Map();
let origin = "";

const b64 = (buffer) => Buffer.from(buffer).toString("base64url");
const json = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(body === undefined ? "" : JSON.stringify(body));
};

function verifyVapid(authorization) {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? "");
  if (!match) throw new Error(`bad Authorization: ${authorization}`);
  const [, token, k] = match;
  const [header, claims, signature] = token.split(".");
  const head = JSON.parse(Buffer.from(header, "base64url"));
  if (head.alg !== "ES256") throw new Error(`alg ${head.alg}`);
  const point = Buffer.from(k, "base64url");
  if (point.length !== 65 || point[0] !== 4) throw new Error("k is not an uncompressed P-256 point");
  const key = crypto.createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64(point.subarray(1, 33)), y: b64(point.subarray(33)) },
    format: "jwk",
  });
  const ok = crypto.verify("sha256", Buffer.from(`${header}.${claims}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
  if (!ok) throw new Error("VAPID signature does not verify");
  const payload = JSON.parse(Buffer.from(claims, "base64url"));
  const now = Math.floor(Date.now() / 1000);
  if (payload.aud !== origin) throw new Error(`aud ${payload.aud} is not ${origin}`);
  if (!(payload.exp > now && payload.exp <= now + 24 * 3600)) throw new Error(`exp ${payload.exp} out of range`);
  if (!payload.sub) throw new Error("no sub");
  return { k, sub: payload.sub, aud: payload.aud, exp: payload.exp };
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const url = new URL(req.url, origin);
    const [, kind, id] = url.pathname.split("/");
    try {
      if (req.method === "GET" && kind === "vapid") return json(res, 200, webpush.generateVAPIDKeys());
      if (req.method === "GET" && kind === "subscribe") {
        const ecdh = crypto.createECDH("prime256v1");
        ecdh.generateKeys();
        const auth = crypto.randomBytes(16);
        const subscriptionId = crypto.randomUUID();
        subscriptions.set(subscriptionId, { ecdh, auth, script: [] });
        return json(res, 200, {
          endpoint: `${origin}/push/${subscriptionId}`,
          keys: { p256dh: b64(ecdh.getPublicKey()), auth: b64(auth) },
        });
      }
      if (req.method === "POST" && kind === "script" && subscriptions.has(id)) {
        subscriptions.get(id).script.push(...JSON.parse(body));
        return json(res, 204);
      }
      if (req.method === "POST" && kind === "push" && subscriptions.has(id)) {
        const subscription = subscriptions.get(id);
        const vapid = verifyVapid(req.headers.authorization);
        if (req.headers["content-encoding"] !== "aes128gcm") throw new Error(`content-encoding ${req.headers["content-encoding"]}`);
        const plaintext = ece.decrypt(body, { version: "aes128gcm", privateKey: subscription.ecdh, authSecret: subscription.auth });
        const status = subscription.script.shift() ?? 201;
        console.log(
          JSON.stringify({
            event: "push",
            subscription: id,
            status,
            ttl: req.headers.ttl,
            urgency: req.headers.urgency,
            vapid,
            payload: JSON.parse(plaintext.toString("utf8")),
          }),
        );
        return json(res, status);
      }
      return json(res, 404);
    } catch (error) {
      console.log(JSON.stringify({ event: "invalid", reason: String(error?.message ?? error) }));
      return json(res, 400, { reason: String(error?.message ?? error) });
    }
  });
});

server.listen(0, "127.0.0.1", () => {
  origin = `http://127.0.0.1:${server.address().port}`;
  console.log(JSON.stringify({ event: "listening", port: server.address().port }));
});
