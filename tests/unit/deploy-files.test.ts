// The image, compose file and proxy config cannot be run here (no container engine): their
// promises are checked as text, and `.ci/run` runs `docker compose config` where it can.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_IMPORT_BYTES } from "../../lib/validation/export.ts";

const root = join(import.meta.dirname, "..", "..");
const read = (file: string) => readFileSync(join(root, file), "utf8");

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it("builds in one stage and runs production dependencies only in another, on Node 24", () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24[\w.-]*$/m);
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/AS build/);
    expect(stages[0]).toMatch(/RUN npm run build/);
    expect(stages[1]).toMatch(/AS runtime/);
    expect(stages[1]).toMatch(/npm ci --omit=dev/);
    expect(stages[1]).toMatch(/COPY --from=build \/app\/\.next/);
  });

  it("runs as a non-root user, starts node directly (signals reach it) and has a health check", () => {
    const runtime = stages[1] ?? "";
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n\s+CMD \["node", .*\/api\/v1\/health/m);
    expect(runtime).toMatch(/^CMD \["node", "--import", "tsx", "scripts\/start\.ts"\]$/m);
  });
});

describe("docker-compose.yml and nginx", () => {
  it("uses the PostgreSQL and Redis majors the tests run against", () => {
    const compose = read("docker-compose.yml");
    expect(compose).toMatch(/image: postgres:18\b/);
    expect(compose).toMatch(/image: redis:7\b/);
    expect(compose).toMatch(/postgres-data:\/var\/lib\/postgresql$/m);
  });

  it("streams responses unbuffered and admits the largest team import", () => {
    const nginx = read("deploy/nginx.conf");
    expect(nginx).toMatch(/^\s*proxy_buffering off;/m);
    const limit = /client_max_body_size (\d+)m;/.exec(nginx);
    expect(Number(limit?.[1]) * 1024 * 1024).toBeGreaterThan(MAX_IMPORT_BYTES);
    expect(nginx).toMatch(/proxy_set_header X-Request-Id \$request_id;/);
  });
});
