// Loads .env files the way Next.js does (@next/env: .env.$mode.local, .env.local, .env.$mode,
// .env; variables already in the environment win), then checks the result against the one
// schema. Called first by scripts/start.ts and server.ts, so that a DATABASE_URL written in .env
// is seen before the embedded PostgreSQL is considered.
import nextEnv from "@next/env";
import {
  checkEnv,
  ENV_VARIABLE_NAMES,
  type EnvProblem,
  formatEnvProblems,
  type ProofmarkEnv,
} from "./env.ts";

export interface LoadedEnvironment {
  /** The .env files read, relative to `dir`, in the order Next gives them. */
  files: string[];
  env: ProofmarkEnv;
}

/** Thrown when the environment has bad values; `message` names each variable. */
export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: EnvProblem[]) {
    super(formatEnvProblems(problems));
    this.name = "InvalidEnvironmentError";
  }
}

/**
 * Reads `dir`'s .env files into process.env (development or production set) and checks every
 * declared variable.
 * @throws InvalidEnvironmentError naming each bad variable and what is wrong with it
 */
export function loadEnvironment({ dir, dev }: { dir: string; dev: boolean }): LoadedEnvironment {
  const quiet = { info: () => {}, error: (...args: unknown[]) => console.error("[proofmark]", ...args) };
  const { loadedEnvFiles } = nextEnv.loadEnvConfig(dir, dev, quiet);
  // `NAME=` (as in a copied .env.example) means unset, for the code that reads `?? default` too.
  for (const name of ENV_VARIABLE_NAMES) {
    if (process.env[name]?.trim() === "") delete process.env[name];
  }
  const checked = checkEnv(process.env);
  if (!checked.ok) throw new InvalidEnvironmentError(checked.problems);
  return { files: loadedEnvFiles.map((file) => file.path), env: checked.env };
}

/**
 * Sets variables the start script computes (DATABASE_URL of the embedded server, a generated
 * secret, NEXTAUTH_URL) so that they survive Next reloading .env files in development (a reload
 * restores the environment as it was first seen, then re-reads the files).
 * @throws nothing
 */
export function setComputedEnvironment(values: Record<string, string>): void {
  Object.assign(process.env, values);
  nextEnv.updateInitialEnv(values);
}
