import { describe, expect, it } from "vitest";
import { PREPARED, preparedStatementName } from "../../lib/db/prepared-statements.ts";

describe("preparedStatementName", () => {
  const marked = (sql: string) => `${PREPARED.sql}${sql}`;

  it("names only the queries marked PREPARED", () => {
    expect(preparedStatementName({ sql: 'SELECT 1 FROM "User" WHERE id = $1' })).toBeUndefined();
    // The mark must start the query: a comment elsewhere does not opt in.
    expect(preparedStatementName({ sql: `SELECT 1 ${PREPARED.sql}` })).toBeUndefined();
    expect(preparedStatementName({ sql: marked("SELECT 1") })).toMatch(/^pm_[0-9a-f]{32}$/);
  });

  it("gives one text the same name every time, and two texts different names", () => {
    const first = preparedStatementName({ sql: marked("SELECT $1::int") });
    expect(preparedStatementName({ sql: marked("SELECT $1::int") })).toBe(first);
    expect(preparedStatementName({ sql: marked("SELECT $1::bigint") })).not.toBe(first);
  });
});
