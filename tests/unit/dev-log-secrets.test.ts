// Issue 21 item 2: `next dev` must not write secrets to its log. Next logs every server action's
// arguments in development unless `logging.serverFunctions` is false (the invite action's bound
// secret, the old registration action's password), and every request's URL, which for an
// invitation link is the secret itself. These tests read the configuration through Next's own
// loader (its defaults included) and run Next's own request logger on it.
import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";
import loadConfig from "next/dist/server/config.js";
import { logRequests } from "next/dist/server/dev/log-requests.js";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

type Logging = Parameters<typeof logRequests>[2];
let logging: Logging;

beforeAll(async () => {
  const config = await loadConfig(PHASE_DEVELOPMENT_SERVER, process.cwd(), { silent: true });
  logging = config.logging as Logging;
}, 30_000);

afterEach(() => {
  vi.restoreAllMocks();
});

/** What Next's development request logger prints for one request. */
function devLogFor(method: string, url: string): string {
  const printed: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
  const start = process.hrtime.bigint();
  const request = { method, url, headers: {} } as unknown as Parameters<typeof logRequests>[0];
  const response = { statusCode: 200 } as Parameters<typeof logRequests>[1];
  logRequests(request, response, logging, start, start + 1000n, undefined, undefined, undefined, undefined);
  vi.restoreAllMocks();
  return printed.join("");
}

describe("the development server's log", () => {
  it("does not log server action arguments (passwords, bound invite secrets)", () => {
    expect(logging && typeof logging === "object" && logging.serverFunctions).toBe(false);
  });

  it("does not forward the browser's console to the terminal", () => {
    expect(logging && typeof logging === "object" && logging.browserToTerminal).toBe(false);
  });

  it("leaves invitation URLs (the secret is in the path) out of the request log", () => {
    const secret = "s3cr3t-invite-0123456789abcdefghijklmnopqrstuvwx";
    expect(devLogFor("GET", `/invite/${secret}`)).toBe("");
    expect(devLogFor("POST", `/invite/${secret}`)).toBe("");
    expect(devLogFor("POST", `/api/v1/invites/${secret}/accept`)).toBe("");
  });

  it("still logs other requests (the capture above can see a line)", () => {
    expect(devLogFor("GET", "/t/demo-desk")).toContain("/t/demo-desk");
  });
});
