/** How many websocket connections one address may hold and open. */
export interface ConnectionThrottleLimits {
  /** Open connections at once from one address. */
  maxConcurrent: number;
  /** New connections from one address within `windowMs`. */
  maxNewPerWindow: number;
  windowMs: number;
}

/**
 * Defaults: generous for a newsroom behind one NAT address (dozens of people, a few tabs
 * each), tight enough that one address cannot exhaust the server. COLLAB_MAX_CONNECTIONS_PER_ADDRESS
 * and COLLAB_MAX_NEW_CONNECTIONS_PER_MINUTE override them.
 */
export function connectionThrottleLimitsFromEnv(
  env: Record<string, string | undefined> = process.env,
): ConnectionThrottleLimits {
  const positive = (value: string | undefined, fallback: number) => {
    const parsed = Number(value);
    return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
  };
  return {
    maxConcurrent: positive(env.COLLAB_MAX_CONNECTIONS_PER_ADDRESS, 200),
    maxNewPerWindow: positive(env.COLLAB_MAX_NEW_CONNECTIONS_PER_MINUTE, 600),
    windowMs: 60_000,
  };
}

/**
 * Counts websocket connections per address in this process. A throttle, not a record: after a
 * restart it starts from zero, and each instance of a scaled-out deployment throttles its own.
 */
export class ConnectionThrottle {
  private readonly open = new Map<string, number>();
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly limits: ConnectionThrottleLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a slot for a new connection; false when the address is over either limit. */
  tryAcquire(address: string): boolean {
    const now = this.now();
    const since = now - this.limits.windowMs;
    const times = (this.recent.get(address) ?? []).filter((time) => time > since);
    if (
      (this.open.get(address) ?? 0) >= this.limits.maxConcurrent ||
      times.length >= this.limits.maxNewPerWindow
    ) {
      this.recent.set(address, times);
      return false;
    }
    times.push(now);
    this.recent.set(address, times);
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
    return true;
  }

  /** Gives the slot back when a connection closes. */
  release(address: string): void {
    const count = (this.open.get(address) ?? 0) - 1;
    if (count > 0) this.open.set(address, count);
    else this.open.delete(address);
    const since = this.now() - this.limits.windowMs;
    const times = (this.recent.get(address) ?? []).filter((time) => time > since);
    if (times.length === 0 && count <= 0) this.recent.delete(address);
    else this.recent.set(address, times);
  }

  /** Open connections from an address (for tests and metrics). */
  openConnections(address: string): number {
    return this.open.get(address) ?? 0;
  }
}
