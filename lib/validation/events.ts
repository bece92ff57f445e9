import { z } from "zod";
import { EVENT_TYPES, type EventType, isEventType } from "../events/event-types.ts";

/** Largest page of the event feed. */
export const MAX_EVENTS_PAGE = 500;

/** A comma-separated list of event types (`annotation.created,annotation.reviewed`). */
export const ZEventTypeList = z
  .string()
  .max(1000)
  .transform((value, ctx) => {
    const types = [
      ...new Set(
        value
          .split(",")
          .map((type) => type.trim())
          .filter(Boolean),
      ),
    ];
    for (const type of types) {
      if (!isEventType(type)) {
        ctx.addIssue({
          code: "custom",
          message: `unknown event type "${type}" (known: ${EVENT_TYPES.join(", ")})`,
        });
        return z.NEVER;
      }
    }
    return types as EventType[];
  });

/** Query of `GET /api/v1/teams/{team}/events`. */
export const ZListEventsQuery = z.object({
  after: z
    .string()
    .regex(/^\d{1,18}$/, "must be a cursor returned by this feed (digits)")
    .optional(),
  types: ZEventTypeList.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE).default(100),
});
export type TListEventsQuery = z.infer<typeof ZListEventsQuery>;
