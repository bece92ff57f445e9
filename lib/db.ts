import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { preparedStatementName } from "./db/prepared-statements.ts";
import { serializeTransactionQueries } from "./db/serialize-transaction-queries.ts";
import { type Prisma, PrismaClient } from "./generated/prisma/client.ts";
import { registerPoolMetrics } from "./observability/metrics.ts";

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as {
  proofmarkDb?: PrismaClient;
  proofmarkDbUrl?: string;
  /** The pg pool under the client's adapter, once it has connected (queryRows). */
  proofmarkPool?: pg.Pool;
};

// The pool the adapter creates is reported to /metrics (total, idle, waiting clients).
function reportPoolUse(factory: PrismaPg, max: number): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    globalForDb.proofmarkPool = adapter.underlyingDriver();
    registerPoolMetrics(adapter.underlyingDriver(), max);
    return adapter;
  };
  return factory;
}

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString)
    throw new Error("DATABASE_URL is not set (the start script sets it for the embedded database)");
  const max = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  return new PrismaClient({
    adapter: serializeTransactionQueries(
      reportPoolUse(
        new PrismaPg(
          { connectionString, max },
          // Queries marked PREPARED (the few on every request's path) stay parsed and planned; pg
          // runs any other query as the unnamed statement, as without a generator ("" like undefined).
          { statementNameGenerator: (query) => preparedStatementName(query) ?? "" },
        ),
        max,
      ),
    ),
    // Prisma's 5 s default is short for a large import or a bulk review on a busy 2-core host;
    // a use case that really hangs still ends, and waiting for a connection stays bounded.
    transactionOptions: { maxWait: 10_000, timeout: 60_000 },
  });
}

/** Returns the one Prisma client of this process, created on first use from DATABASE_URL. */
export function getDb(): PrismaClient {
  if (!globalForDb.proofmarkDb || globalForDb.proofmarkDbUrl !== process.env.DATABASE_URL) {
    globalForDb.proofmarkPool = undefined;
    globalForDb.proofmarkDb = createClient();
    globalForDb.proofmarkDbUrl = process.env.DATABASE_URL;
  }
  return globalForDb.proofmarkDb;
}

/** The one Prisma client (lazy: nothing connects until the first query). */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/**
 * Runs a raw read on the client's own pool straight through pg, each row an array of its
 * columns as pg parses them (text, numbers, booleans; timestamps are better formatted in SQL);
 * a query marked PREPARED runs as a named prepared statement, as through Prisma. For the few
 * reads of many rows (the export) where Prisma's mapping of each row costs more than the query;
 * the same connections, limits and metrics as every other query. Dates are sent as ISO strings.
 * @throws pg errors (not Prisma's)
 */
export async function queryRows<Row extends unknown[]>(query: Prisma.Sql): Promise<Row[]> {
  const client = getDb();
  if (!globalForDb.proofmarkPool) await client.$connect();
  const pool = globalForDb.proofmarkPool;
  if (!pool) throw new Error("the database client has no pg pool");
  const values = query.values.map((value) => (value instanceof Date ? value.toISOString() : value));
  const result = await pool.query<Row>({
    text: query.text,
    values,
    rowMode: "array",
    name: preparedStatementName({ sql: query.text }),
  });
  return result.rows;
}

/** Closes the client (tests and shutdown). */
export async function disconnectDb(): Promise<void> {
  const client = globalForDb.proofmarkDb;
  globalForDb.proofmarkDb = undefined;
  globalForDb.proofmarkDbUrl = undefined;
  globalForDb.proofmarkPool = undefined;
  await client?.$disconnect();
}
