// The production server under test, in its own process so that its memory and CPU can be
// measured apart from the load generators. Started by bench/lib/server.ts with --expose-gc;
// answers `stats` requests over IPC.
import { startProofmarkServer } from "../../server.ts";

type Request = { id: number; type: "stats"; gc?: boolean } | { id: number; type: "stop" };

function send(message: unknown): void {
  process.send?.(message);
}

const gc = (globalThis as { gc?: () => void }).gc;

async function main(): Promise<void> {
  // No job queue here: the webhooks benchmark runs its own in the benchmark's process (with its
  // receiver allowed through FETCH_ALLOW_HOSTS); workers here would take its jobs and be refused.
  const server = await startProofmarkServer({ port: 0, hostname: "127.0.0.1", dev: false, jobs: false });
  send({ type: "ready", port: server.port });
  process.on("message", (message: Request) => {
    if (message.type === "stats") {
      if (message.gc && gc) {
        // Several passes: weak references and finalisers free more on the second.
        gc();
        gc();
      }
      send({ type: "stats", id: message.id, memory: process.memoryUsage(), cpu: process.cpuUsage() });
    } else if (message.type === "stop") {
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }
  });
  process.on("disconnect", () => {
    void server.close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error("[bench server] failed to start", error);
  process.exit(1);
});
