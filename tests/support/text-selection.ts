// Selecting text in the article body from a browser test, as a person dragging would.
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Selects the first occurrence of `needle` in the article body (across highlight elements). */
export async function selectArticleText(page: Page, needle: string): Promise<void> {
  const found = await page.evaluate((text) => {
    const root = document.querySelector(".ProseMirror");
    if (!root) return false;
    const nodes: { node: Text; start: number }[] = [];
    let all = "";
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node: node as Text, start: all.length });
      all += node.textContent ?? "";
    }
    const index = all.indexOf(text);
    if (index < 0) return false;
    const locate = (offset: number, preferEnd: boolean) => {
      for (const { node, start } of nodes) {
        const end = start + (node.textContent?.length ?? 0);
        if (offset < end || (preferEnd && offset === end)) return { node, offset: offset - start };
      }
      const last = nodes.at(-1)!;
      return { node: last.node, offset: last.node.textContent?.length ?? 0 };
    };
    const from = locate(index, false);
    const to = locate(index + text.length, true);
    const range = document.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  }, needle);
  expect(found, `"${needle}" is in the article`).toBe(true);
}
