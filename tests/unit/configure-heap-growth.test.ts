import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import {
  configureHeapGrowth,
  DEFAULT_HEAP_GROWING_PERCENT,
} from "../../lib/runtime/configure-heap-growth.ts";

describe("configureHeapGrowth", () => {
  it("applies 30 % by default, the configured value otherwise, and keeps V8's default for 0", () => {
    expect(configureHeapGrowth({})).toBe(DEFAULT_HEAP_GROWING_PERCENT);
    expect(DEFAULT_HEAP_GROWING_PERCENT).toBe(30);
    expect(configureHeapGrowth({ HEAP_GROWING_PERCENT: " " })).toBe(30);
    expect(configureHeapGrowth({ HEAP_GROWING_PERCENT: "50" })).toBe(50);
    expect(configureHeapGrowth({ HEAP_GROWING_PERCENT: "0" })).toBeNull();
  });

  it("refuses values that are not a whole number from 0 to 1000, naming the variable", () => {
    for (const bad of ["abc", "12.5", "-1", "1001"]) {
      expect(() => configureHeapGrowth({ HEAP_GROWING_PERCENT: bad })).toThrow(ZodError);
      expect(() => configureHeapGrowth({ HEAP_GROWING_PERCENT: bad })).toThrow(/HEAP_GROWING_PERCENT|number/);
    }
  });
});
