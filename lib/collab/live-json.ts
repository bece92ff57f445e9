/**
 * Reads one value of a server-written live map (annotations, verdicts, round progress) as a JSON
 * object, or null when it is not the JSON string of an object; its fields are the caller's to check.
 * @throws nothing
 */
export function parseLiveObject(value: unknown): Record<string, unknown> | null {
  if (typeof value !== "string") return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
