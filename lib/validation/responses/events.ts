import { z } from "zod";
import { EVENT_TYPES } from "../../events/event-types.ts";
import { ZTimestamp } from "./common.ts";

export const ZEventTypeName = z.enum(EVENT_TYPES).meta({ id: "EventType" });

/** lib/events/list-events.ts FeedEvent */
export const ZEvent = z
  .object({
    id: z.string().meta({ description: "Stable id (evt_…), also the webhook-id of its deliveries" }),
    cursor: z.string().meta({ description: "Pass as `after` to read what came after this event" }),
    type: ZEventTypeName,
    timestamp: ZTimestamp,
    data: z
      .record(z.string(), z.unknown())
      .meta({ description: "Ids, labels, quotes and links of what changed" }),
  })
  .meta({ id: "Event" });

/** `GET /api/v1/teams/{team}/events` */
export const ZEventPage = z.object({
  events: z.array(ZEvent),
  nextCursor: z
    .string()
    .nullable()
    .meta({ description: "Resume from here (unchanged when the page is empty)" }),
});
