import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { signatures } from "../../lib/webhooks/deliver-webhook.ts";
import { attemptJobId } from "../../lib/webhooks/delivery-jobs.ts";
import { formatDeliveryBody, slackText } from "../../lib/webhooks/format-payload.ts";
import {
  DEFAULT_RETRY_DELAYS,
  decideNextStep,
  parseRetryAfter,
  retryDelays,
  withJitter,
} from "../../lib/webhooks/retry-schedule.ts";
import { generateWebhookSecret, openSecret, sealSecret } from "../../lib/webhooks/secret-box.ts";

const now = new Date("2026-12-06T12:00:00Z");
const originalSecret = process.env.NEXTAUTH_SECRET;
afterEach(() => {
  process.env.NEXTAUTH_SECRET = originalSecret;
});

describe("retry schedule", () => {
  it("defaults to the Standard Webhooks schedule and reads WEBHOOK_RETRY_DELAYS", () => {
    expect(retryDelays(undefined)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(retryDelays("")).toEqual([...DEFAULT_RETRY_DELAYS]);
    expect(retryDelays(" 1, 2.5 ,0")).toEqual([1, 2.5, 0]);
    for (const bad of ["a", "1,,2", "-1", "1;2"])
      expect(() => retryDelays(bad), bad).toThrow(/WEBHOOK_RETRY_DELAYS/);
  });

  it("adds at most ±10 % jitter", () => {
    expect(withJitter(100, () => 0)).toBe(90);
    expect(withJitter(100, () => 1)).toBeCloseTo(110);
    expect(withJitter(100, () => 0.5)).toBeCloseTo(100);
  });

  it("decides: 2xx succeeds, 410 is gone, others retry until the schedule ends", () => {
    const base = { retryAfter: null, delays: [5, 300], now, random: () => 0.5 };
    expect(decideNextStep({ ...base, status: 204, roundAttempts: 1 })).toEqual({ kind: "succeeded" });
    expect(decideNextStep({ ...base, status: 410, roundAttempts: 1 })).toEqual({ kind: "gone" });
    expect(decideNextStep({ ...base, status: 500, roundAttempts: 1 })).toMatchObject({
      kind: "retry",
      delaySeconds: 5,
    });
    expect(decideNextStep({ ...base, status: 302, roundAttempts: 2 })).toMatchObject({
      kind: "retry",
      delaySeconds: 300,
    });
    expect(decideNextStep({ ...base, status: null, roundAttempts: 3 })).toEqual({ kind: "exhausted" });
    expect(decideNextStep({ ...base, status: 199, roundAttempts: 1 }).kind).toBe("retry");
  });

  it("honours Retry-After on 429 and 503 only, capped at a day", () => {
    const base = { delays: [5], now, roundAttempts: 1, random: () => 0.5 };
    expect(decideNextStep({ ...base, status: 429, retryAfter: "120" })).toEqual({
      kind: "retry",
      delaySeconds: 120,
    });
    expect(decideNextStep({ ...base, status: 503, retryAfter: "Sun, 06 Dec 2026 12:01:00 GMT" })).toEqual({
      kind: "retry",
      delaySeconds: 60,
    });
    expect(decideNextStep({ ...base, status: 500, retryAfter: "120" })).toEqual({
      kind: "retry",
      delaySeconds: 5,
    });
    expect(decideNextStep({ ...base, status: 429, retryAfter: "soon" })).toEqual({
      kind: "retry",
      delaySeconds: 5,
    });
    expect(parseRetryAfter("999999", now)).toBe(86_400);
    expect(parseRetryAfter("Sat, 05 Dec 2026 12:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe("secrets", () => {
  it("seals and opens, and refuses a tampered box or another key", () => {
    process.env.NEXTAUTH_SECRET = "one-key-for-the-tests-0123456789";
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_/);
    const sealed = sealSecret(secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(openSecret(sealed)).toBe(secret);
    expect(sealSecret(secret)).not.toBe(sealed);
    const parts = sealed.split(".");
    parts[3] = `${parts[3]!.slice(0, -2)}AA`;
    expect(() => openSecret(parts.join("."))).toThrow();
    process.env.NEXTAUTH_SECRET = "another-key-for-the-tests-987654";
    expect(() => openSecret(sealed)).toThrow();
  });

  it("signs with every live secret, each verifiable", () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    const header = signatures([a, b], "evt_1", now, '{"x":1}');
    expect(header.split(" ")).toHaveLength(2);
    const headers = {
      "webhook-id": "evt_1",
      "webhook-timestamp": String(now.getTime() / 1000),
      "webhook-signature": header,
    };
    for (const secret of [a, b]) {
      // The verifier checks the timestamp against its clock; sign "now" for it.
      const fresh = new Date();
      const live = {
        ...headers,
        "webhook-timestamp": String(Math.floor(fresh.getTime() / 1000)),
        "webhook-signature": signatures([a, b], "evt_1", fresh, '{"x":1}'),
      };
      expect(new Webhook(secret).verify('{"x":1}', live)).toEqual({ x: 1 });
    }
    expect(() => new Webhook(generateWebhookSecret()).verify('{"x":1}', headers)).toThrow();
  });
});

describe("payload formats", () => {
  const reviewed = {
    type: "annotation.reviewed",
    timestamp: now.toISOString(),
    data: {
      annotation: { id: "a1", label: "fact", quote: "at least 1,335 civilians" },
      article: {
        id: "r1",
        title: "US-Led Coalition <Airstrikes> & more",
        url: "https://pm.example/t/desk/articles/r1",
      },
      actor: { id: "u1", name: "Mo Moderator" },
      review: { decision: "approve" },
    },
  };

  it("writes a readable Slack sentence with an escaped link", () => {
    expect(slackText(reviewed)).toBe(
      'Mo Moderator approved *fact* "at least 1,335 civilians" in <https://pm.example/t/desk/articles/r1|US-Led Coalition &lt;Airstrikes&gt; &amp; more>',
    );
    expect(JSON.parse(formatDeliveryBody(reviewed, "slack"))).toMatchObject({ text: slackText(reviewed) });
    expect(JSON.parse(formatDeliveryBody(reviewed, "standard"))).toEqual(reviewed);
    expect(slackText({ ...reviewed, type: "webhook.test" })).toContain("webhook.test");
  });

  it("derives one job id per (delivery, attempt)", () => {
    const id = attemptJobId("d1", 1);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(attemptJobId("d1", 1)).toBe(id);
    expect(attemptJobId("d1", 2)).not.toBe(id);
  });
});
