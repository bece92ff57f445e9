// Issue 22: server actions answer one result type. Every action exported by a "use server"
// module runs its use case through runAction (lib/actions/run-action.ts), directly or through a
// helper of its own module that does, so no form grows its own `{ error }` shape again.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Actions that answer a shape of their own, and why. A new entry needs a reason as good. */
const OWN_SHAPE: Record<string, string> = {
  "app/t/[team]/articles/new/actions.ts importArticleAction":
    "the import form's answer carries per-field refusals of a file upload, the upload's name and an attempt count (lib/articles/import-form-state.ts)",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry) ? [full] : [];
  });
}

/** The top-level functions of a module with their source, up to the next top-level declaration. */
function topLevelFunctions(source: string): { name: string; exported: boolean; body: string }[] {
  const starts = [
    ...source.matchAll(
      /^(export\s+)?(?:async\s+)?function\s+(\w+)|^(?:export\s+)?(?:const|let|interface|type)\s/gm,
    ),
  ];
  return starts.flatMap((match, index) => {
    if (!match[2]) return [];
    const end = starts[index + 1]?.index ?? source.length;
    return [{ name: match[2], exported: Boolean(match[1]), body: source.slice(match.index, end) }];
  });
}

/** The exported actions of a module that neither call runAction nor a helper of the module that does. */
function actionsWithoutRunAction(source: string): string[] {
  const functions = topLevelFunctions(source);
  const helpers = functions
    .filter((fn) => !fn.exported && /\brunAction\(/.test(fn.body))
    .map((fn) => fn.name);
  const calls = new RegExp(`\\b(?:runAction${helpers.map((name) => `|${name}`).join("")})\\(`);
  return functions.filter((fn) => fn.exported && !calls.test(fn.body)).map((fn) => fn.name);
}

describe("server actions answer through runAction (one ActionResult)", () => {
  const modules = sourceFiles(join(root, "app")).filter((file) =>
    /^\s*["']use server["']/.test(readFileSync(file, "utf8")),
  );

  it("finds the server action modules", () => {
    expect(modules.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of modules) {
    const path = relative(root, file);
    it(`${path}: every exported action calls runAction`, () => {
      const missing = actionsWithoutRunAction(readFileSync(file, "utf8")).filter(
        (name) => !OWN_SHAPE[`${path} ${name}`],
      );
      expect(missing).toEqual([]);
    });
  }

  it("lists no exception that is gone", () => {
    for (const key of Object.keys(OWN_SHAPE)) {
      const [path, name] = key.split(" ") as [string, string];
      expect(readFileSync(join(root, path), "utf8")).toMatch(new RegExp(`export async function ${name}\\b`));
    }
  });

  it("the scan finds an action with its own catch, and accepts one through a helper", () => {
    const own = `"use server";
export async function saveAction(team: string, form: FormData): Promise<{ error: string | null }> {
  try {
    await save(form);
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  return { error: null };
}`;
    expect(actionsWithoutRunAction(own)).toEqual(["saveAction"]);
    const throughHelper = `"use server";
async function outcome(use: () => Promise<unknown>): Promise<string> {
  const result = await runAction(use);
  return result.ok ? "done" : result.error;
}
export async function publishAction(team: string): Promise<void> {
  redirect(await outcome(() => publish(team)));
}
export async function deleteAction(id: string): Promise<ActionResult> {
  return runAction(() => remove(id));
}`;
    expect(actionsWithoutRunAction(throughHelper)).toEqual([]);
  });
});
