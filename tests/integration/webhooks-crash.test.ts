// The outbox under crashes and scale-out, with real processes: an instance SIGKILLed right after
// committing a change loses no delivery (the next instance sends it), and two instances sharing
// the queue make every attempt exactly once.
process.env.WEBHOOK_RETRY_DELAYS = "0.2,0.2";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { stopJobQueue } from "../../lib/jobs/job-queue.ts";
import { generateWebhookSecret, sealSecret } from "../../lib/webhooks/secret-box.ts";
import { TEST_AUTH_SECRET } from "../support/api.ts";
import { createTeamWithMembers, type TestTeam } from "../support/factories.ts";
import { startTestJobQueue } from "../support/webhook-fixtures.ts";
import { startWebhookInstance, type WebhookInstance } from "../support/webhook-instances.ts";
import { startTestReceiver, type TestReceiver, waitFor } from "../support/webhook-receiver.ts";

let team: TestTeam;
let receiver: TestReceiver;
const instances: WebhookInstance[] = [];
const env = () => ({
  DATABASE_URL: process.env.DATABASE_URL!,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? TEST_AUTH_SECRET,
  WEBHOOK_RETRY_DELAYS: "0.2,0.2",
  WEBHOOK_TIMEOUT_MS: "3000",
  FETCH_ALLOW_HOSTS: new URL(receiver.url).host,
});

async function endpoint(path: string) {
  const secret = generateWebhookSecret();
  receiver.secrets.push(secret);
  await db.webhookEndpoint.create({
    data: {
      teamId: team.id,
      url: `${receiver.url}${path}`,
      events: ["article.updated"],
      secretCipher: sealSecret(secret),
      createdById: team.admin.id,
    },
  });
}

function ids(path: string): string[] {
  return receiver.at(path).map((delivery) => String(delivery.headers["webhook-id"]));
}

beforeAll(async () => {
  team = await createTeamWithMembers();
  receiver = await startTestReceiver();
  // pg-boss's schema, created once here so that the children do not race to create it.
  await startTestJobQueue();
  await stopJobQueue(0);
});

afterAll(async () => {
  for (const instance of instances) await instance.stop().catch(() => {});
  await receiver.close();
});

describe("crash safety", () => {
  it("delivers what an instance committed just before it was SIGKILLed, once restarted", async () => {
    await endpoint("/crash");
    // The victim relays only every 5 s: the kill lands between the commit and any delivery.
    const victim = await startWebhookInstance({ ...env(), WEBHOOK_RELAY_INTERVAL_MS: "5000" });
    instances.push(victim);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await victim.emit(team.id, 5, "crash");
    await victim.kill();
    expect(victim.child.signalCode).toBe("SIGKILL");
    expect(receiver.at("/crash")).toHaveLength(0);
    expect(await db.event.count({ where: { teamId: team.id } })).toBe(5);

    const successor = await startWebhookInstance(env());
    instances.push(successor);
    await waitFor(() => receiver.at("/crash").length >= 5, 30_000, "5 deliveries after the restart");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(new Set(ids("/crash")).size).toBe(5);
    expect(receiver.at("/crash")).toHaveLength(5);
    expect(receiver.at("/crash").every((delivery) => delivery.verifiedBy.length > 0)).toBe(true);
    await successor.stop();
  }, 120_000);
});

describe("two instances", () => {
  it("make every attempt exactly once (first attempts fail, second succeed)", async () => {
    await endpoint("/shared");
    const failedOnce = new Set<string>();
    const a = await startWebhookInstance(env());
    const b = await startWebhookInstance(env());
    instances.push(a, b);
    // The first attempt of every message fails (500), the second succeeds: each id arrives exactly twice.
    receiver.respond = (path, id) => {
      if (path !== "/shared") return null;
      if (failedOnce.has(id)) return { status: 200 };
      failedOnce.add(id);
      return { status: 500 };
    };
    const count = 60;
    await Promise.all([a.emit(team.id, count / 2, "a"), b.emit(team.id, count / 2, "b")]);
    await waitFor(() => receiver.at("/shared").length >= count * 2, 60_000, "two attempts per event");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const seen = ids("/shared");
    expect(seen).toHaveLength(count * 2);
    const perId = new Map<string, number>();
    for (const id of seen) perId.set(id, (perId.get(id) ?? 0) + 1);
    expect(perId.size).toBe(count);
    expect([...perId.values()].every((n) => n === 2)).toBe(true);
    const attempts = await db.webhookAttempt.count({
      where: { delivery: { endpoint: { url: `${receiver.url}/shared` } } },
    });
    expect(attempts).toBe(count * 2);
  }, 120_000);
});
