// Issue 21 item 4: without a trusted proxy (TRUST_PROXY unset, as the e2e server runs), a server
// action from a foreign Origin is refused even when the request also carries an
// X-Forwarded-Host naming that origin (Next compares Origin with X-Forwarded-Host when present).
// The production server strips forwarded headers before Next sees the request.
import { describe, expect, inject, it } from "vitest";
import { createUser } from "../support/factories.ts";

const baseUrl = inject("baseUrl");

function decodeEntities(value: string): string {
  return value
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

/** The sign-in form as a browser without JavaScript would post it (its hidden action fields included). */
async function signInFormBody(email: string, password: string): Promise<FormData> {
  const html = await (await fetch(`${baseUrl}/signin`)).text();
  const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "";
  const body = new FormData();
  for (const input of form.matchAll(/<input([^>]*)>/g)) {
    const attributes = input[1] ?? "";
    const name = /\bname="([^"]*)"/.exec(attributes)?.[1];
    if (!name || !/\btype="hidden"/.test(attributes)) continue;
    body.append(decodeEntities(name), decodeEntities(/\bvalue="([^"]*)"/.exec(attributes)?.[1] ?? ""));
  }
  expect([...body.keys()].some((key) => key.startsWith("$ACTION"))).toBe(true);
  body.append("email", email);
  body.append("password", password);
  return body;
}

async function postSignIn(email: string, password: string, headers: Record<string, string>) {
  const response = await fetch(`${baseUrl}/signin`, {
    method: "POST",
    redirect: "manual",
    headers,
    body: await signInFormBody(email, password),
  });
  const sessionCookie = response.headers
    .getSetCookie()
    .some((line) => line.startsWith("next-auth.session-token="));
  return { status: response.status, sessionCookie };
}

describe("server actions and forwarded headers without a trusted proxy", () => {
  it("signs in from the site's own origin (the request below is well formed)", async () => {
    const user = await createUser();
    const result = await postSignIn(user.email, user.password, { origin: baseUrl });
    expect(result).toEqual({ status: 303, sessionCookie: true });
  });

  it("refuses a foreign Origin, also when X-Forwarded-Host (or Forwarded) names it", async () => {
    const user = await createUser();
    const forgedSets: Array<Record<string, string>> = [
      {},
      { "x-forwarded-host": "evil.example" },
      { "x-forwarded-host": "evil.example", "x-forwarded-proto": "http", forwarded: "host=evil.example" },
    ];
    for (const forged of forgedSets) {
      const result = await postSignIn(user.email, user.password, {
        origin: "http://evil.example",
        ...forged,
      });
      expect(result.sessionCookie, JSON.stringify(forged)).toBe(false);
      expect(result.status, JSON.stringify(forged)).not.toBe(303);
    }
  });
});
