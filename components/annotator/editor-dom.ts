import type { Editor } from "@tiptap/core";

/** The editor's element once its view is mounted (Tiptap throws on `view.dom` before), else null. */
export function mountedDom(editor: Editor | null): HTMLElement | null {
  if (!editor || editor.isDestroyed) return null;
  try {
    return editor.view.dom;
  } catch {
    return null;
  }
}

/** True for a place where keys type text (a field, or an editable element such as the body). */
export function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}
