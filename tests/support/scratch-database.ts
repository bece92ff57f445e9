// Creates extra, empty databases on the test PostgreSQL server for tests that need more
// than their one per-file database (migration and drift tests). Drop them when done.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function onServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("pgServerUrl") });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database (no migrations applied), or a copy of the migrated template. */
export async function createScratchDatabase(
  options: { fromTemplate?: boolean } = {},
): Promise<ScratchDatabase> {
  const name = `proofmark_scratch_${randomBytes(6).toString("hex")}`;
  const template = options.fromTemplate ? ` TEMPLATE "${inject("pgTemplateDatabase")}"` : "";
  await onServer((client) => client.query(`CREATE DATABASE "${name}"${template}`));
  const url = new URL(inject("pgServerUrl"));
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}
