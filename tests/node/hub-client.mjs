// The official SignalR JavaScript client, connected to Taskforge's hub as an app would:
//   node hub-client.mjs <base-url> <access-token> <webSockets|serverSentEvents|longPolling>
// Prints one JSON line per happening: connected, each `event` call with its envelope, closed.
import * as signalR from "@microsoft/signalr";

const [baseUrl, token, transportName] = process.argv.slice(2);
const transport = signalR.HttpTransportType[transportName[0].toUpperCase() + transportName.slice(1)];
const print = (line) => console.log(JSON.stringify(line));

const connection = new signalR.HubConnectionBuilder()
  .withUrl(`${baseUrl}/hubs/notifications`, {
    transport,
    skipNegotiation: false,
    accessTokenFactory: () => token,
  })
  .configureLogging(signalR.LogLevel.None)
  .build();

connection.on("event", (envelope) => print({ event: "message", envelope }));
connection.onclose((error) => {
  print({ event: "closed", error: error?.message ?? null });
  process.exit(0);
});

try {
  await connection.start();
  print({ event: "connected", transport: transportName });
} catch (error) {
  // The client reports a refused negotiation as a message ("... Status code '401'"), not a field.
  const status = error.statusCode ?? Number(/Status code '(\d{3})'/.exec(error.message)?.[1] ?? /\b(\d{3})\b/.exec(error.message)?.[1]);
  print({ event: "failed", error: error.message, status: Number.isFinite(status) ? status : null });
  process.exit(0);
}
