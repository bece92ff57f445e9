// `npm test`: builds the production app (the e2e tests run it), then runs every Vitest
// project. Extra arguments go to Vitest (`npm test -- --project unit`). SKIP_BUILD=1 skips
// the build when .next is already current.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const bin = (name: string) => join(process.cwd(), "node_modules", ".bin", name);
const section = (title: string) => console.log(`\n=== ${title} ===\n`);

if (process.env.SKIP_BUILD !== "1") {
  section("next build (for the e2e tests; SKIP_BUILD=1 skips it)");
  const build = spawnSync(bin("next"), ["build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) {
    console.error(`next build failed (exit ${build.status ?? build.signal})`);
    process.exit(build.status ?? 1);
  }
}

section(`vitest run ${process.argv.slice(2).join(" ")}`.trim());
// Vitest sets its own NODE_ENV ("test"); do not pass ours on.
const env: Record<string, string | undefined> = { ...process.env };
delete env.NODE_ENV;
const vitest = spawnSync(bin("vitest"), ["run", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: env as NodeJS.ProcessEnv,
});
process.exit(vitest.status ?? 1);
