// A real SMTP server for the integration tests: accepts mail on 127.0.0.1 (a free port unless
// --port is given), parses each message with mailparser and prints it as one JSON line on stdout.
// --refuse N answers the first N messages with a temporary failure (451), as a struggling relay does.
// --auth USER:PASS requires that login (and refuses any other).
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
let refuse = Number(args.refuse ?? 0);
const [user, pass] = (args.auth ?? "").split(":");

const server = new SMTPServer({
  secure: false,
  disabledCommands: args.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
  authOptional: !args.auth,
  allowInsecureAuth: true,
  logger: false,
  onAuth(auth, _session, callback) {
    if (auth.username === user && auth.password === pass) return callback(null, { user });
    console.log(JSON.stringify({ event: "auth-refused", username: auth.username }));
    return callback(new Error("Invalid username or password"));
  },
  onData(stream, _session, callback) {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", async () => {
      if (refuse > 0) {
        refuse--;
        console.log(JSON.stringify({ event: "refused" }));
        const error = new Error("Try again later");
        error.responseCode = 451;
        return callback(error);
      }
      const mail = await simpleParser(Buffer.concat(chunks));
      console.log(
        JSON.stringify({
          event: "mail",
          messageId: mail.messageId,
          from: mail.from?.text,
          to: mail.to?.text,
          subject: mail.subject,
          text: mail.text,
          html: mail.html || null,
          contentType: mail.headers.get("content-type")?.value,
        }),
      );
      callback();
    });
  },
});

server.listen(Number(args.port ?? 0), "127.0.0.1", () => {
  console.log(JSON.stringify({ event: "listening", port: server.server.address().port }));
});
