import { Hocuspocus } from "@hocuspocus/server";
import { afterEach, expect, it } from "vitest";
import {
  isCollabShared,
  markSharedStateExtension,
  registerCollabInstance,
} from "../../lib/collab/instance.ts";

afterEach(() => registerCollabInstance(undefined));

it("knows that live documents are shared with other instances only when a shared-state extension runs", () => {
  expect(isCollabShared()).toBe(false);
  registerCollabInstance(new Hocuspocus({ quiet: true, extensions: [{ extensionName: "local" }] }));
  expect(isCollabShared()).toBe(false);
  registerCollabInstance(
    new Hocuspocus({ quiet: true, extensions: [markSharedStateExtension({ extensionName: "redis-like" })] }),
  );
  expect(isCollabShared()).toBe(true);
});
