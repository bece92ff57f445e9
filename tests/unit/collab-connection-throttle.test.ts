import { describe, expect, it } from "vitest";
import { ConnectionThrottle, connectionThrottleLimitsFromEnv } from "../../lib/collab/connection-throttle.ts";

describe("per-address websocket throttle", () => {
  it("caps open connections per address and frees a slot on close", () => {
    const throttle = new ConnectionThrottle({ maxConcurrent: 2, maxNewPerWindow: 100, windowMs: 60_000 });
    expect(throttle.tryAcquire("203.0.113.1")).toBe(true);
    expect(throttle.tryAcquire("203.0.113.1")).toBe(true);
    expect(throttle.tryAcquire("203.0.113.1")).toBe(false);
    expect(throttle.tryAcquire("203.0.113.2")).toBe(true);
    throttle.release("203.0.113.1");
    expect(throttle.tryAcquire("203.0.113.1")).toBe(true);
    expect(throttle.openConnections("203.0.113.1")).toBe(2);
  });

  it("caps new connections per window, and the window slides", () => {
    let now = 0;
    const throttle = new ConnectionThrottle(
      { maxConcurrent: 100, maxNewPerWindow: 3, windowMs: 1000 },
      () => now,
    );
    for (let i = 0; i < 3; i++) {
      expect(throttle.tryAcquire("a")).toBe(true);
      throttle.release("a");
    }
    expect(throttle.tryAcquire("a")).toBe(false);
    now = 1001;
    expect(throttle.tryAcquire("a")).toBe(true);
  });

  it("reads its limits from the environment, ignoring nonsense", () => {
    expect(connectionThrottleLimitsFromEnv({ COLLAB_MAX_CONNECTIONS_PER_ADDRESS: "5" }).maxConcurrent).toBe(
      5,
    );
    expect(connectionThrottleLimitsFromEnv({ COLLAB_MAX_CONNECTIONS_PER_ADDRESS: "-1" }).maxConcurrent).toBe(
      200,
    );
    expect(connectionThrottleLimitsFromEnv({}).maxNewPerWindow).toBe(600);
  });
});
