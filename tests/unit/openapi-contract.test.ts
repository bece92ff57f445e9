import { describe, expect, it } from "vitest";
import { contractProblems, findOperation } from "../support/api-contract.ts";

const TEAM = {
  id: "5b0c1a7e-3c1d-4f6e-9a2b-8c7d6e5f4a3b",
  slug: "demo-desk",
  name: "Demo Desk",
  role: "admin",
  createdAt: "2026-12-06T10:00:00.000Z",
};

function check(method: string, url: string, status: number, body: unknown, type = "application/json") {
  return contractProblems(method, url, status, type, body === undefined ? "" : JSON.stringify(body));
}

describe("the API contract check (tests/support/api-contract.ts)", () => {
  it("finds the documented operation of a request, literal segments before parameters", () => {
    expect(findOperation("GET", "/api/v1/teams/demo-desk?x=1")?.template).toBe("/api/v1/teams/{team}");
    expect(findOperation("GET", "/api/v1/openapi.json")?.template).toBe("/api/v1/openapi.json");
    expect(findOperation("PUT", "/api/v1/teams/demo-desk")).toBeNull();
    expect(findOperation("GET", "/api/auth/session")).toBeNull();
  });

  it("accepts a body that matches the documented schema", () => {
    expect(check("GET", "/api/v1/teams", 200, { teams: [TEAM] })).toEqual([]);
    expect(check("DELETE", "/api/v1/teams/demo-desk/tokens/x", 204, undefined)).toEqual([]);
    expect(
      check("GET", "/api/v1/teams/x", 404, { error: { code: "not_found", message: "Team not found" } }),
    ).toEqual([]);
  });

  it("refuses a drifted body: an undocumented field, a missing one, a wrong format or enum", () => {
    expect(check("GET", "/api/v1/teams", 200, { teams: [{ ...TEAM, extra: 1 }] }).join()).toMatch(
      /additional properties/,
    );
    const { slug: _slug, ...withoutSlug } = TEAM;
    expect(check("GET", "/api/v1/teams", 200, { teams: [withoutSlug] }).join()).toMatch(/slug/);
    expect(
      check("GET", "/api/v1/teams", 200, { teams: [{ ...TEAM, createdAt: "yesterday" }] }).join(),
    ).toMatch(/date-time/);
    expect(check("GET", "/api/v1/teams", 200, { teams: [{ ...TEAM, role: "ADMIN" }] }).join()).toMatch(
      /allowed values/,
    );
  });

  it("refuses an undocumented status, an undocumented content type and a body where none is documented", () => {
    expect(check("GET", "/api/v1/teams", 418, {}).join()).toMatch(/status not documented/);
    expect(check("GET", "/api/v1/teams", 200, { teams: [] }, "text/html").join()).toMatch(/content type/);
    expect(check("DELETE", "/api/v1/teams/demo-desk/tokens/x", 204, { ok: true }).join()).toMatch(
      /without a body/,
    );
  });

  it("refuses an error body that is not the Error schema", () => {
    expect(check("GET", "/api/v1/teams/x", 404, { message: "nope" }).join()).toMatch(/error/);
  });
});
