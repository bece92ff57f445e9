// lib/db/prepared-statements.ts: a raw query marked PREPARED reaches pg as a named statement (parsed
// once per connection), every other query as before; results are the same either way.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PREPARED } from "../../lib/db/prepared-statements.ts";
import { db } from "../../lib/db.ts";
import { createTeamWithMembers } from "../support/factories.ts";

// Observes (does not replace) pg's Client.query: the statement name each query was sent with.
const sent: Array<{ text: string; name: string | undefined }> = [];
const originalQuery = pg.Client.prototype.query;

beforeAll(() => {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; this forwards them all.
  (pg.Client.prototype as any).query = function observedQuery(this: pg.Client, ...args: any[]) {
    const config = args[0];
    if (config && typeof config === "object" && typeof config.text === "string") {
      sent.push({ text: config.text, name: config.name || undefined });
    }
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  };
});

afterAll(() => {
  pg.Client.prototype.query = originalQuery;
});

it("sends a query marked PREPARED under one statement name, and others unnamed, with the same rows", async () => {
  const team = await createTeamWithMembers();
  const marked = () =>
    db.$queryRaw<{ slug: string }[]>`${PREPARED} SELECT slug FROM "Team" WHERE id = ${team.id}::uuid`;
  const plain = () => db.$queryRaw<{ slug: string }[]>`SELECT slug FROM "Team" WHERE id = ${team.id}::uuid`;

  const rows = [await marked(), await marked(), await plain()];
  for (const result of rows) expect(result).toEqual([{ slug: team.slug }]);

  const ours = sent.filter((query) => query.text.includes('SELECT slug FROM "Team" WHERE id = $1::uuid'));
  expect(ours).toHaveLength(3);
  const [first, second, third] = ours;
  expect(first!.name).toMatch(/^pm_[0-9a-f]{32}$/);
  expect(second!.name).toBe(first!.name);
  expect(third!.name).toBeUndefined();
});
