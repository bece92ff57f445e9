// Every environment variable Proofmark reads, declared once. `npm run dev` / `npm start`
// (scripts/start.ts) and `tsx server.ts` check the environment against this schema before
// anything starts, and stop with one line per bad variable. `.env.example` and the README's
// configuration table list the same variables (tests/unit/config-env.test.ts keeps them in step;
// it also fails when code reads a variable that is not declared here).
import { z } from "zod";

// `FOO=` in a .env file means "not set", as it does for Next.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    schema.optional(),
  );

const integer = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`)
    .describe(name);

const url = (protocols: readonly string[], what: string) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be ${what}`);

/** The variables, each with its check; optional all, as development needs none of them. */
export const ENV_SCHEMA = z
  .object({
    NODE_ENV: optional(z.enum(["development", "production", "test"])),
    DATABASE_URL: optional(url(["postgres:", "postgresql:"], "a postgresql:// connection URL")),
    DATABASE_POOL_SIZE: optional(integer("DATABASE_POOL_SIZE", 1, 1000)),
    PORT: optional(integer("PORT", 0, 65_535)),
    HOST: optional(z.string().trim().min(1)),
    NEXTAUTH_SECRET: optional(z.string().min(16, "must be at least 16 characters (openssl rand -base64 32)")),
    AUTH_SECRET: optional(z.string().min(16, "must be at least 16 characters (openssl rand -base64 32)")),
    NEXTAUTH_URL: optional(url(["http:", "https:"], "an http:// or https:// URL")),
    REDIS_URL: optional(url(["redis:", "rediss:"], "a redis:// or rediss:// URL")),
    TRUST_PROXY: optional(
      z
        .string()
        .trim()
        .regex(
          /^(?:\d{1,2}|false)$/i,
          "must be the number of trusted proxy hops (0, 1, 2, …; 1 behind one reverse proxy)",
        ),
    ),
    BCRYPT_COST: optional(integer("BCRYPT_COST", 4, 31)),
    GITHUB_ID: optional(z.string()),
    GITHUB_SECRET: optional(z.string()),
    GOOGLE_CLIENT_ID: optional(z.string()),
    GOOGLE_CLIENT_SECRET: optional(z.string()),
    OIDC_ISSUER: optional(url(["https:", "http:"], "the issuer's https:// URL")),
    OIDC_CLIENT_ID: optional(z.string()),
    OIDC_CLIENT_SECRET: optional(z.string()),
    OIDC_NAME: optional(z.string().max(60, "must be at most 60 characters (it is a button label)")),
    SEED_DEMO: optional(z.enum(["0", "1"], "must be 1 (load the demo data) or 0")),
    COLLAB_MAX_PAYLOAD_BYTES: optional(integer("COLLAB_MAX_PAYLOAD_BYTES", 1024, 64 * 1024 * 1024)),
    COLLAB_MAX_CONNECTIONS_PER_ADDRESS: optional(integer("COLLAB_MAX_CONNECTIONS_PER_ADDRESS", 1, 1_000_000)),
    COLLAB_MAX_NEW_CONNECTIONS_PER_MINUTE: optional(
      integer("COLLAB_MAX_NEW_CONNECTIONS_PER_MINUTE", 1, 1_000_000),
    ),
    HEAP_GROWING_PERCENT: optional(integer("HEAP_GROWING_PERCENT", 0, 1000)),
    FETCH_ALLOW_HOSTS: optional(
      z
        .string()
        .refine(
          (value) => value.split(",").every((entry) => /^\s*\S+:\d{1,5}\s*$/.test(entry)),
          "must be a comma-separated list of host:port pairs (for example cms.internal:8080)",
        ),
    ),
    WEBHOOK_RETRY_DELAYS: optional(
      z
        .string()
        .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, "must be seconds separated by commas (for example 5,300,1800)"),
    ),
    WEBHOOK_TIMEOUT_MS: optional(integer("WEBHOOK_TIMEOUT_MS", 100, 600_000)),
    WEBHOOK_WORKERS: optional(integer("WEBHOOK_WORKERS", 1, 100)),
    WEBHOOK_RELAY_INTERVAL_MS: optional(integer("WEBHOOK_RELAY_INTERVAL_MS", 10, 600_000)),
    JOBS: optional(z.enum(["on", "off"], "must be on or off")),
    JOBS_POOL_SIZE: optional(integer("JOBS_POOL_SIZE", 1, 100)),
    LOG_LEVEL: optional(
      z.enum(
        ["fatal", "error", "warn", "info", "debug", "trace", "silent"],
        "must be one of fatal, error, warn, info, debug, trace, silent",
      ),
    ),
    LOG_FORMAT: optional(z.enum(["json", "pretty"], "must be json or pretty")),
    METRICS_TOKEN: optional(z.string().min(16, "must be at least 16 characters (openssl rand -hex 24)")),
    METRICS_PORT: optional(integer("METRICS_PORT", 1, 65_535)),
  })
  .superRefine((env, ctx) => {
    const pairs = [
      ["GITHUB_ID", "GITHUB_SECRET"],
      ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
      ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"],
    ] as const;
    for (const [a, b] of pairs) {
      if (Boolean(env[a]) !== Boolean(env[b])) {
        const missing = env[a] ? b : a;
        ctx.addIssue({
          code: "custom",
          path: [missing],
          message: `must be set together with ${env[a] ? a : b}`,
        });
      }
    }
    if (env.OIDC_CLIENT_ID && !env.OIDC_ISSUER) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "must be set together with OIDC_CLIENT_ID",
      });
    }
  });

export type ProofmarkEnv = z.infer<typeof ENV_SCHEMA>;

/** The names of every declared variable, in declaration order. */
export const ENV_VARIABLE_NAMES: readonly string[] = Object.keys(ENV_SCHEMA.shape);

/** One bad variable: its name and what is wrong with it. */
export interface EnvProblem {
  variable: string;
  problem: string;
}

/**
 * Checks an environment against the schema. Returns the parsed values, or every problem found
 * (never the values themselves: a secret that is too short must not end up in a log).
 * @throws nothing
 */
export function checkEnv(
  env: Record<string, string | undefined>,
): { ok: true; env: ProofmarkEnv } | { ok: false; problems: EnvProblem[] } {
  const declared: Record<string, string | undefined> = {};
  for (const name of ENV_VARIABLE_NAMES) declared[name] = env[name];
  const result = ENV_SCHEMA.safeParse(declared);
  if (result.success) return { ok: true, env: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? "environment"),
      problem: issue.code === "invalid_type" ? "has the wrong type" : issue.message,
    })),
  };
}

/** The message printed when the environment is bad: one line per variable. */
export function formatEnvProblems(problems: readonly EnvProblem[]): string {
  return [
    `invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}; see .env.example):`,
    ...problems.map(({ variable, problem }) => `  ${variable} ${problem}`),
  ].join("\n");
}
