import { createHash } from "node:crypto";
import { Prisma } from "../generated/prisma/client.ts";

// A comment, so the statement PostgreSQL runs is the same SQL with or without the mark.
const MARK = "/* prepared */";

/**
 * Starts a raw query that runs as a named prepared statement: `db.$queryRaw\`${PREPARED} SELECT ...\``.
 * Each pooled connection parses and plans it once and then only binds the parameters, which
 * saves most of a small query's cost in PostgreSQL (planning a join) and in the driver. Only for
 * queries on every request's path, whose text is one of a few fixed variants: each variant stays
 * prepared on every connection for the connection's life.
 */
export const PREPARED: Prisma.Sql = Prisma.raw(MARK);

const names = new Map<string, string>();

/**
 * The statement name of a query marked with PREPARED (the same text always gets the same name,
 * and different texts never share one), or undefined for every other query (unnamed, as before).
 * The adapter's `statementNameGenerator`.
 * @throws nothing
 */
export function preparedStatementName(query: { sql: string }): string | undefined {
  if (!query.sql.startsWith(MARK)) return undefined;
  let name = names.get(query.sql);
  if (name === undefined) {
    name = `pm_${createHash("sha256").update(query.sql).digest("hex").slice(0, 32)}`;
    names.set(query.sql, name);
  }
  return name;
}
