// The app's surface read from the code itself: every API route handler and HTTP method, every
// page and every server action. The tenant-isolation test checks each one against its table, so
// a route added without an isolation expectation fails the test instead of being forgotten.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RouteHandler } from "./api.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One exported handler of an `app/api/v1/.../route.ts`, keyed "METHOD /api/v1/path/[param]". */
export interface InventoriedRoute {
  key: string;
  method: HttpMethod;
  /** The path template, folder names as written (`/api/v1/articles/[id]`). */
  template: string;
  file: string;
  handler: RouteHandler;
}

/** One page (`page.tsx`) or server-action file, with its source for static checks. */
export interface InventoriedSource {
  /** Relative to the repository root. */
  file: string;
  source: string;
}

/** An exported async function of a server-action file. */
export interface InventoriedAction extends InventoriedSource {
  key: string;
  name: string;
}

function walk(dir: string, accept: (name: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(full, accept));
    else if (accept(entry.name)) found.push(full);
  }
  return found.sort();
}

function relative(file: string): string {
  return path.relative(REPO_ROOT, file).split(path.sep).join("/");
}

/** Every method exported by every route handler under app/api/v1 (imported, not grepped). */
export async function listApiRoutes(): Promise<InventoriedRoute[]> {
  const routes: InventoriedRoute[] = [];
  for (const file of walk(path.join(REPO_ROOT, "app/api/v1"), (name) => name === "route.ts")) {
    const rel = relative(file);
    const template = `/${path.posix.dirname(rel).replace(/^app\//, "")}`;
    const module = (await import(file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      const handler = module[method];
      if (typeof handler === "function") {
        routes.push({
          key: `${method} ${template}`,
          method,
          template,
          file: rel,
          handler: handler as RouteHandler,
        });
      }
    }
    const unknownExports = Object.keys(module).filter(
      (name) => /^[A-Z]+$/.test(name) && !HTTP_METHODS.includes(name as HttpMethod),
    );
    if (unknownExports.length > 0) {
      // HEAD/OPTIONS handlers would escape the table below; refuse them until it knows them.
      throw new Error(
        `${rel} exports ${unknownExports.join(", ")}, which the isolation inventory does not cover`,
      );
    }
  }
  return routes;
}

/** Every page.tsx under app/. */
export function listPages(): InventoriedSource[] {
  return walk(path.join(REPO_ROOT, "app"), (name) => name === "page.tsx").map((file) => ({
    file: relative(file),
    source: readFileSync(file, "utf8"),
  }));
}

/** Every exported async function of every server-action file (`actions.ts`, `*-actions.ts`) under app/. */
export function listServerActions(): InventoriedAction[] {
  const files = walk(
    path.join(REPO_ROOT, "app"),
    (name) => name === "actions.ts" || name.endsWith("-actions.ts"),
  );
  const actions: InventoriedAction[] = [];
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    const rel = relative(file);
    for (const match of source.matchAll(/export\s+async\s+function\s+([A-Za-z0-9_]+)/g)) {
      actions.push({ key: `${rel}#${match[1]}`, name: match[1]!, file: rel, source });
    }
  }
  return actions;
}
