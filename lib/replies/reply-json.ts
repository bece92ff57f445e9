/** A reply in an annotation's thread, as the API returns it. */
export interface ReplyJson {
  id: string;
  annotationId: string;
  author: { id: string; name: string };
  body: string;
  createdAt: string;
  /** When its author last edited it; null if never. */
  editedAt: string | null;
}

/** The include that maps a reply row to ReplyJson. */
export const REPLY_INCLUDE = { author: { select: { id: true, name: true } } } as const;

/** Maps a reply row to its API form. */
export function toReplyJson(row: {
  id: string;
  annotationId: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  author: { id: string; name: string };
}): ReplyJson {
  return {
    id: row.id,
    annotationId: row.annotationId,
    author: row.author,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
  };
}
