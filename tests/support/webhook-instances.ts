// Starts and kills child processes running the job queue (tests/support/fixtures/webhook-instance.ts).
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { InstanceMessage, InstanceRequest } from "./fixtures/webhook-instance.ts";

export interface WebhookInstance {
  child: ChildProcess;
  /** Commits `count` events of the team in one transaction; resolves once committed. */
  emit(teamId: string, count: number, tag: string): Promise<void>;
  kill(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

/** Forks an instance with `env` and waits until its queue runs. */
export async function startWebhookInstance(env: Record<string, string>): Promise<WebhookInstance> {
  const child = fork(join(import.meta.dirname, "fixtures", "webhook-instance.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance not ready:\n${output}`)), 60_000);
    child.on("message", (message: InstanceMessage) => {
      if ("ready" in message) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", () => reject(new Error(`instance exited:\n${output}`)));
  });
  return {
    child,
    output: () => output,
    emit: (teamId, count, tag) =>
      new Promise<void>((resolve) => {
        const onMessage = (message: InstanceMessage) => {
          if ("committed" in message) {
            child.off("message", onMessage);
            resolve();
          }
        };
        child.on("message", onMessage);
        child.send({ emit: { teamId, count, tag } } satisfies InstanceRequest);
      }),
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ stop: true } satisfies InstanceRequest);
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
