import { describe, expect, it } from "vitest";
import {
  rateLimitedErrorCode,
  safeCallbackPath,
  signInErrorMessage,
  WRONG_CREDENTIALS_MESSAGE,
} from "../../lib/auth/sign-in-errors.ts";

describe("signInErrorMessage", () => {
  it("tells wrong credentials and rate limiting apart", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe(WRONG_CREDENTIALS_MESSAGE);
    expect(signInErrorMessage(rateLimitedErrorCode(7))).toBe(
      "Too many sign-in attempts. Try again in 7 seconds.",
    );
    expect(signInErrorMessage(rateLimitedErrorCode(1))).toBe(
      "Too many sign-in attempts. Try again in 1 second.",
    );
    expect(signInErrorMessage(rateLimitedErrorCode(900))).toBe(
      "Too many sign-in attempts. Try again in 15 minutes.",
    );
    // A bare number (links from before the seconds) is minutes.
    expect(signInErrorMessage("RateLimited:2")).toBe("Too many sign-in attempts. Try again in 2 minutes.");
  });

  it("never echoes text from the URL", () => {
    const message = signInErrorMessage("Your account is compromised, call +1 555 0100");
    expect(message).toBe("Sign-in did not work. Please try again.");
    expect(signInErrorMessage(null)).toBeNull();
  });
});

describe("safeCallbackPath", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackPath("/t/demo/articles/1?x=1")).toBe("/t/demo/articles/1?x=1");
    expect(safeCallbackPath("http://localhost:3000/t/demo")).toBe("/t/demo");
  });

  it("refuses other sites and odd paths", () => {
    for (const bad of [
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "evil",
      "/a\nb",
      "/signin",
    ]) {
      expect(safeCallbackPath(bad)).toBe("/");
    }
    expect(safeCallbackPath(undefined, "/teams")).toBe("/teams");
  });
});
