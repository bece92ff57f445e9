import type { Mark, Node as PMNode } from "@tiptap/pm/model";
import * as Y from "yjs";
import { BODY_FIELD } from "./body-document.ts";
import { HARD_BREAK } from "./plain-text.ts";
import { changedRange } from "./text-diff.ts";

/** One paragraph that a source update changed: its text before and after (null: added or removed). */
export interface ParagraphChange {
  before: string | null;
  after: string | null;
}

const TEXTBLOCKS = new Set(["paragraph", "heading"]);

interface YBlock {
  element: Y.XmlElement;
  text: string;
}

function yBlockText(element: Y.XmlElement): string {
  let text = "";
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown }[]) {
        if (typeof op.insert === "string") text += op.insert;
      }
    } else if (child instanceof Y.XmlElement && child.nodeName === "hardBreak") text += HARD_BREAK;
  }
  return text;
}

/** The body's textblocks in document order (the plain-text rule's blocks). */
function collectYBlocks(parent: Y.XmlFragment | Y.XmlElement, out: YBlock[] = []): YBlock[] {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (TEXTBLOCKS.has(child.nodeName)) out.push({ element: child, text: yBlockText(child) });
    else collectYBlocks(child, out);
  }
  return out;
}

function collectPmBlocks(doc: PMNode): { node: PMNode; text: string }[] {
  const blocks: { node: PMNode; text: string }[] = [];
  doc.descendants((node) => {
    if (!node.isTextblock) return true;
    let text = "";
    node.forEach((child) => {
      if (child.isText) text += child.text ?? "";
      else if (child.type.name === "hardBreak") text += HARD_BREAK;
    });
    blocks.push({ node, text });
    return false;
  });
  return blocks;
}

type Op =
  | { kind: "equal"; a: number; b: number }
  | { kind: "delete"; a: number }
  | { kind: "insert"; b: number };

/** A longest-common-subsequence diff of two lists of paragraph texts. */
function diffBlocks(a: string[], b: string[]): Op[] {
  // Common head and tail first: a source update usually touches a few paragraphs.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const n = midA.length;
  const m = midB.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push({ kind: "equal", a: i, b: i });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      ops.push({ kind: "equal", a: head + i++, b: head + j++ });
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      ops.push({ kind: "insert", b: head + j++ });
    } else {
      ops.push({ kind: "delete", a: head + i++ });
    }
  }
  for (let k = 0; k < tail; k++) ops.push({ kind: "equal", a: a.length - tail + k, b: b.length - tail + k });
  return ops;
}

function marksToAttributes(marks: readonly Mark[]): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const mark of marks) attributes[mark.type.name] = mark.attrs;
  return attributes;
}

/** Builds the Yjs element of a textblock the way Tiptap's Yjs binding stores it (marks as attributes). */
function pmBlockToY(node: PMNode): Y.XmlElement {
  const element = new Y.XmlElement(node.type.name);
  for (const [key, value] of Object.entries(node.attrs)) {
    if (value !== null && value !== undefined) element.setAttribute(key, value as string);
  }
  const children: (Y.XmlText | Y.XmlElement)[] = [];
  let run: Y.XmlText | null = null;
  let at = 0;
  node.forEach((child) => {
    if (child.isText) {
      if (!run) {
        run = new Y.XmlText();
        children.push(run);
        at = 0;
      }
      // A Y.XmlText not yet in a document queues its inserts until it is integrated.
      run.insert(at, child.text ?? "", marksToAttributes(child.marks));
      at += (child.text ?? "").length;
    } else {
      run = null;
      children.push(new Y.XmlElement(child.type.name));
    }
  });
  element.insert(0, children);
  return element;
}

/** Edits a simple textblock (one text run) in place: only the changed middle is deleted and inserted. */
function editTextInPlace(element: Y.XmlElement, before: string, after: string): boolean {
  const children = element.toArray();
  if (children.length !== 1 || !(children[0] instanceof Y.XmlText) || after.includes(HARD_BREAK))
    return false;
  const text = children[0];
  const { start, endBefore, endAfter } = changedRange(before, after);
  if (endBefore > start) text.delete(start, endBefore - start);
  if (endAfter > start) text.insert(start, after.slice(start, endAfter));
  return true;
}

function insertAfter(anchor: Y.XmlElement | null, fragment: Y.XmlFragment, element: Y.XmlElement): void {
  const parent = (anchor?.parent as Y.XmlFragment | Y.XmlElement | null) ?? fragment;
  const index = anchor ? parent.toArray().indexOf(anchor) + 1 : 0;
  parent.insert(index, [element]);
}

/** Removes a textblock, and the list item or quote it leaves empty. */
function removeBlock(element: Y.XmlElement, fragment: Y.XmlFragment): void {
  let target: Y.XmlElement = element;
  while (target.parent && target.parent !== fragment && (target.parent as Y.XmlElement).length === 1) {
    target = target.parent as Y.XmlElement;
  }
  const parent = target.parent as Y.XmlFragment | Y.XmlElement;
  parent.delete(parent.toArray().indexOf(target), 1);
}

/**
 * Turns the live body into the source's new version with the smallest edits: unchanged
 * paragraphs are not touched; a changed paragraph is edited in place (only its changed middle),
 * so relative positions (highlight anchors) everywhere else keep their exact place; added and
 * removed paragraphs are inserted and deleted. Runs in one Yjs transaction.
 * @returns the changed paragraphs, before and after (empty when nothing changed)
 */
export function applySourceText(ydoc: Y.Doc, next: PMNode): ParagraphChange[] {
  const fragment = ydoc.getXmlFragment(BODY_FIELD);
  const oldBlocks = collectYBlocks(fragment);
  const newBlocks = collectPmBlocks(next);
  const ops = diffBlocks(
    oldBlocks.map((block) => block.text),
    newBlocks.map((block) => block.text),
  );
  const changes: ParagraphChange[] = [];
  ydoc.transact(() => {
    let anchor: Y.XmlElement | null = null;
    for (let index = 0; index < ops.length; index++) {
      const op = ops[index]!;
      if (op.kind === "equal") {
        anchor = oldBlocks[op.a]!.element;
        continue;
      }
      // A run of changes: pair deletions with insertions (a changed paragraph), the rest are removals or additions.
      const deletes: number[] = [];
      const inserts: number[] = [];
      while (index < ops.length && ops[index]!.kind !== "equal") {
        const change = ops[index]!;
        if (change.kind === "delete") deletes.push(change.a);
        else if (change.kind === "insert") inserts.push(change.b);
        index++;
      }
      index--;
      const pairs = Math.min(deletes.length, inserts.length);
      for (let k = 0; k < pairs; k++) {
        const old = oldBlocks[deletes[k]!]!;
        const fresh = newBlocks[inserts[k]!]!;
        changes.push({ before: old.text, after: fresh.text });
        if (
          old.element.nodeName === fresh.node.type.name &&
          editTextInPlace(old.element, old.text, fresh.text)
        ) {
          anchor = old.element;
        } else {
          const element = pmBlockToY(fresh.node);
          insertAfter(old.element, fragment, element);
          removeBlock(old.element, fragment);
          anchor = element;
        }
      }
      for (const a of deletes.slice(pairs)) {
        const old = oldBlocks[a]!;
        changes.push({ before: old.text, after: null });
        removeBlock(old.element, fragment);
      }
      for (const b of inserts.slice(pairs)) {
        const fresh = newBlocks[b]!;
        changes.push({ before: null, after: fresh.text });
        const element = pmBlockToY(fresh.node);
        insertAfter(anchor, fragment, element);
        anchor = element;
      }
    }
  });
  return changes;
}
