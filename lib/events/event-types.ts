/**
 * The events outside systems may subscribe to (webhooks) or pull (the team feed), in the order
 * they were added. Append new types at the end; never rename one (subscribers store them).
 */
export const EVENT_TYPES = [
  "article.created",
  "article.updated",
  "annotation.created",
  "annotation.updated",
  "annotation.deleted",
  "annotation.reviewed",
  "evidence.added",
  "evidence.removed",
  "verdict.published",
  "article.published",
  "round.started",
  "round.submitted",
  "round.revealed",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Whether a string names a known event type. */
export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
