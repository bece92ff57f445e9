import { describe, expect, it } from "vitest";
import {
  decideSignInRateLimit,
  SIGN_IN_LIMITS,
  type SignInEvidence,
  waitMinutes,
} from "../../lib/auth/rate-limit.ts";

const now = new Date("2026-11-25T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const times = (count: number, m: number) => Array.from({ length: count }, () => minutesAgo(m));

function evidence(overrides: Partial<SignInEvidence> = {}): SignInEvidence {
  return {
    now,
    accountAddressFailures: [],
    addressFailures: [],
    accountFailures: [],
    addressKnownForAccount: false,
    ...overrides,
  };
}

describe("decideSignInRateLimit", () => {
  it("allows an attempt with no failures", () => {
    expect(decideSignInRateLimit(evidence())).toEqual({ limited: false });
  });

  it("allows up to 4 failures for one account and address, refuses at 5", () => {
    expect(decideSignInRateLimit(evidence({ accountAddressFailures: times(4, 1) })).limited).toBe(false);
    const decision = decideSignInRateLimit(evidence({ accountAddressFailures: times(5, 1) }));
    expect(decision).toMatchObject({ limited: true, rules: ["accountAddress"] });
  });

  it("waits until the limit-th most recent failure leaves the window", () => {
    // Failures 2, 4, 6, 8, 10 minutes ago: the 5th newest (10 min ago) leaves the 15-minute window in 5 min.
    const decision = decideSignInRateLimit(
      evidence({ accountAddressFailures: [2, 4, 6, 8, 10].map(minutesAgo) }),
    );
    expect(decision).toEqual({ limited: true, retryAfterSeconds: 5 * 60, rules: ["accountAddress"] });
  });

  it("ignores failures older than the window", () => {
    const decision = decideSignInRateLimit(
      evidence({ accountAddressFailures: [...times(4, 1), minutesAgo(16)] }),
    );
    expect(decision.limited).toBe(false);
  });

  it("refuses an address with 50 failures across accounts", () => {
    expect(decideSignInRateLimit(evidence({ addressFailures: times(49, 3) })).limited).toBe(false);
    expect(decideSignInRateLimit(evidence({ addressFailures: times(50, 3) }))).toMatchObject({
      limited: true,
      rules: ["address"],
    });
  });

  it("refuses an account with 20 failures from anywhere, but not from an address known for it", () => {
    expect(decideSignInRateLimit(evidence({ accountFailures: times(19, 1) })).limited).toBe(false);
    expect(decideSignInRateLimit(evidence({ accountFailures: times(20, 1) }))).toMatchObject({
      limited: true,
      rules: ["account"],
    });
    expect(
      decideSignInRateLimit(evidence({ accountFailures: times(20, 1), addressKnownForAccount: true })),
    ).toEqual({ limited: false });
  });

  it("keeps the per-address-and-account limit for a known address", () => {
    const decision = decideSignInRateLimit(
      evidence({
        accountAddressFailures: times(5, 1),
        accountFailures: times(30, 1),
        addressKnownForAccount: true,
      }),
    );
    expect(decision).toMatchObject({ limited: true, rules: ["accountAddress"] });
  });

  it("waits for the longest of several limits", () => {
    const decision = decideSignInRateLimit(
      evidence({ accountAddressFailures: times(5, 14), addressFailures: times(50, 1) }),
    );
    expect(decision).toEqual({
      limited: true,
      retryAfterSeconds: 14 * 60,
      rules: ["accountAddress", "address"],
    });
  });

  it("honours custom limits", () => {
    const limits = { ...SIGN_IN_LIMITS, accountAddress: { limit: 2, windowMs: 60_000 } };
    expect(decideSignInRateLimit(evidence({ accountAddressFailures: times(2, 0.5) }), limits)).toEqual({
      limited: true,
      retryAfterSeconds: 30,
      rules: ["accountAddress"],
    });
  });
});

describe("waitMinutes", () => {
  it("rounds up to whole minutes, at least one", () => {
    expect(waitMinutes(1)).toBe(1);
    expect(waitMinutes(60)).toBe(1);
    expect(waitMinutes(61)).toBe(2);
    expect(waitMinutes(14 * 60 + 1)).toBe(15);
  });
});
