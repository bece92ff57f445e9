// Generates the Prisma client without the network.
// Prisma's CLI downloads a native schema engine on every command, which these machines
// cannot reach; `prisma generate` never calls that engine, so a stub executable is enough.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

if (!existsSync("prisma/schema.prisma")) {
  console.log("prisma-generate: no prisma/schema.prisma yet, skipping");
  process.exit(0);
}
const dir = join(tmpdir(), "proofmark-prisma-stub");
mkdirSync(dir, { recursive: true });
const stub = join(dir, "schema-engine");
writeFileSync(stub, "#!/bin/sh\necho 'schema engine stub: not used by prisma generate' >&2\nexit 1\n");
chmodSync(stub, 0o755);
const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
