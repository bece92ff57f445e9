import { z } from "zod";
import { ERROR_STATUS } from "../../errors.ts";

// Response schemas: what the API sends. lib/openapi documents them (z.toJSONSchema) and the
// integration tests check every response they receive against that document
// (tests/support/api-contract.ts), so a serializer that drifts from its schema fails CI.
// Schemas with a `meta({ id })` become named components (#/components/schemas/<id>).

/** A timestamp as the API writes it (`Date.toISOString()`, UTC). */
export const ZTimestamp = z.iso.datetime();
export const ZNullableTimestamp = ZTimestamp.nullable();

export const ZId = z.uuid();

export const ZUserRef = z.object({ id: ZId, name: z.string() }).meta({ id: "UserRef" });

const ZErrorObject = z.object({
  code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS]),
  message: z.string().meta({ description: "Written for people; safe to show" }),
  details: z.record(z.string(), z.unknown()).optional(),
  requestId: z.string().optional().meta({
    description:
      "The request's id (also the x-request-id response header); quote it when reporting a problem",
  }),
});

export const ZErrorResponse = z.object({ error: ZErrorObject }).meta({ id: "Error" });

export const ZHealthResponse = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    database: z.enum(["ok", "unreachable"]).optional(),
    error: ZErrorObject.optional(),
  })
  .meta({ id: "Health" });

/** A JSON document described elsewhere (the OpenAPI document itself, the export JSON Schema). */
export const ZJsonDocument = z.record(z.string(), z.unknown());
