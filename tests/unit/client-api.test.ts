// The browser's API client (lib/client/api-client.ts): one place that reads answers and errors,
// and the review queue's components and hooks use it instead of raw fetch calls (issue 22 item 4).
import { readdirSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  fetchReviewQueue,
  reopenAnnotation,
  reviewAnnotation,
} from "../../lib/client/api-client.ts";

const calls: { url: string; init: RequestInit }[] = [];

function answer(status: number, body: unknown, type = "application/json") {
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(typeof body === "string" ? body : JSON.stringify(body), {
      status,
      headers: { "content-type": type },
    });
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  calls.length = 0;
});

describe("api-client", () => {
  it("builds the query from the filters that are set, and returns the answer", async () => {
    answer(200, { items: [], nextCursor: null, total: 0, totalIsCapped: false });
    const page = await fetchReviewQueue("demo desk", { status: "rejected", label: undefined, cursor: "abc" });
    expect(page.total).toBe(0);
    expect(calls[0]?.url).toBe("/api/v1/teams/demo%20desk/review-queue?status=rejected&cursor=abc");
    expect(calls[0]?.init).toMatchObject({ method: "GET", cache: "no-store" });
  });

  it("posts JSON", async () => {
    answer(200, { annotation: { id: "a" } });
    await reopenAnnotation("a1", { version: 3 });
    expect(calls[0]?.url).toBe("/api/v1/annotations/a1/reopen");
    expect(calls[0]?.init.method).toBe("POST");
    expect(calls[0]?.init.body).toBe('{"version":3}');
    expect(calls[0]?.init.headers).toEqual({ "content-type": "application/json" });
  });

  it("throws the API's error with its status, code and message", async () => {
    answer(409, { error: { code: "version_conflict", message: "The annotation changed" } });
    const error = await reviewAnnotation("a1", { decision: "approve", version: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: "version_conflict", message: "The annotation changed" });
  });

  it("says the status when the error is not the API's JSON", async () => {
    answer(502, "<html>Bad gateway</html>", "text/html");
    await expect(fetchReviewQueue("t", {})).rejects.toMatchObject({
      status: 502,
      code: null,
      message: "Request failed (502)",
    });
  });
});

describe("the review queue's client code", () => {
  const dir = new URL("../../components/moderation/", import.meta.url);
  const files = readdirSync(dir).filter(
    (name) =>
      /^(review-queue|queue-item|bulk-decision-bar|review-reason-form|notification-bell)\.tsx$/.test(name) ||
      /^use-.*\.ts$/.test(name),
  );

  it("calls the API only through lib/client/api-client.ts (no raw fetch, no casts of answers)", () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const name of files) {
      const source = readFileSync(new URL(name, dir), "utf8");
      expect(source, name).not.toMatch(/\bfetch\(/);
      expect(source, name).not.toMatch(/\.json\(\)\)\s+as\b/);
    }
  });

  it("keeps the queue component presentational: its state lives in named hooks", () => {
    const source = readFileSync(new URL("review-queue.tsx", dir), "utf8");
    expect(source).not.toMatch(/\buseState\b/);
    expect(source).toMatch(/useReviewQueue\(/);
    expect(source).toMatch(/useReviewDecisions\(/);
    expect(source).toMatch(/useQueueShortcuts\(/);
  });
});
