import { fromBase64, toBase64 } from "lib0/buffer";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Anchor } from "../anchors/anchor.ts";
import { LABELS, type LabelName, STATUSES, type StatusName } from "../validation/annotations.ts";
import type { AnnotationJson, AnnotationReviewJson } from "./annotation-json.ts";

/**
 * The Y.Map of the annotations document: annotation id → that annotation as a reader needs it,
 * in a compact binary form (encodeLiveAnnotation). Not the whole AnnotationJson: a reader holds
 * where the highlight sits and what it says (label, status, note, counts, latest review); the
 * quote comes from the body it is anchored in, checked by its length and hash; the context
 * (prefix, suffix), the history and the evidence are fetched when opened. For 2,000 highlights
 * this is about a sixth of the JSON it replaced (docs/BENCHMARKS.md, issue 23).
 */
export const ANNOTATIONS_MAP = "annotations";

/**
 * A Y.Map of the annotations document: user id → display name, for every author and moderator
 * the annotation map names (each annotation names its people by id only).
 */
export const PEOPLE_MAP = "people";

/**
 * A Y.Map of the annotations document the server writes when what the whole document may show
 * changed (a blind round was revealed, lib/annotations/live-state.ts): a change tells the page to
 * render again (banner, round panel, which document to open).
 */
export const VIEW_CHANGES_MAP = "viewChanges";

/** An annotation as a reader of the live annotation map holds it. */
export interface LiveAnnotation {
  id: string;
  label: LabelName;
  status: StatusName;
  note: string | null;
  /** Offsets into the article's plain text when the server wrote it, in UTF-16 code units. */
  start: number;
  end: number;
  orphaned: boolean;
  version: number;
  author: { id: string; name: string };
  roundId: string | null;
  anchor: Anchor;
  evidence: { corroborates: number; contradicts: number };
  citedBy: number;
  review: AnnotationReviewJson | null;
  createdAt: string;
  /** The quote's length and hash (quoteHash): how a reader checks that its anchor still covers it. */
  quoteCheck: { length: number; hash: number };
  /** The quote itself, carried only when the annotation is orphaned (no body text holds it). */
  quote: string | null;
}

const FORMAT = 1;
const FLAG_ORPHANED = 1;
const FLAG_NOTE = 2;
const FLAG_ROUND = 4;
const FLAG_REVIEW = 8;
const FLAG_QUOTE = 16;
const FLAG_TEXT_ANCHOR = 32;
const DECISIONS = ["approve", "reject", "relabel"] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A 32-bit FNV-1a hash of a string's UTF-16 code units: with the length, how a reader checks that
 * the text its anchor covers is the annotation's quote without receiving the quote.
 */
export function quoteHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Whether `text` is the quote of `annotation` (its own quote when carried, else length and hash). */
export function isQuoteOf(annotation: Pick<LiveAnnotation, "quote" | "quoteCheck">, text: string): boolean {
  if (annotation.quote !== null) return annotation.quote === text;
  return text.length === annotation.quoteCheck.length && quoteHash(text) === annotation.quoteCheck.hash;
}

// An id: 16 bytes when it is a UUID (every id the database makes), else its text.
function writeId(encoder: encoding.Encoder, id: string): void {
  if (UUID.test(id)) {
    encoding.writeUint8(encoder, 0);
    const hex = id.replaceAll("-", "");
    for (let i = 0; i < 32; i += 2) encoding.writeUint8(encoder, Number.parseInt(hex.slice(i, i + 2), 16));
  } else {
    encoding.writeUint8(encoder, 1);
    encoding.writeVarString(encoder, id);
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
function readId(decoder: decoding.Decoder): string {
  if (decoding.readUint8(decoder) !== 0) return decoding.readVarString(decoder);
  const bytes = decoding.readUint8Array(decoder, 16);
  let hex = "";
  for (const byte of bytes) hex += HEX[byte];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// A label as 1–3, or 0 for none.
function labelCode(label: LabelName | null): number {
  return label === null ? 0 : LABELS.indexOf(label) + 1;
}
function labelOf(code: number): LabelName | null {
  if (code === 0) return null;
  const label = LABELS[code - 1];
  if (!label) throw new Error("not a label");
  return label;
}

// Anchors are base64 of Yjs relative positions: their bytes, unless the text does not round-trip.
function anchorBytes(anchor: Anchor): [Uint8Array, Uint8Array] | null {
  try {
    const start = fromBase64(anchor.start);
    const end = fromBase64(anchor.end);
    return toBase64(start) === anchor.start && toBase64(end) === anchor.end ? [start, end] : null;
  } catch {
    return null;
  }
}

/**
 * The value the server stores for one annotation in the live annotation map (the map's key is
 * its id); the names of its people go into PEOPLE_MAP (livePeople).
 */
export function encodeLiveAnnotation(annotation: AnnotationJson): Uint8Array {
  const encoder = encoding.createEncoder();
  const anchor = anchorBytes(annotation.anchor);
  const review = annotation.review ?? null;
  const flags =
    (annotation.orphaned ? FLAG_ORPHANED : 0) |
    (annotation.note !== null ? FLAG_NOTE : 0) |
    (annotation.roundId ? FLAG_ROUND : 0) |
    (review ? FLAG_REVIEW : 0) |
    (annotation.orphaned ? FLAG_QUOTE : 0) |
    (anchor ? 0 : FLAG_TEXT_ANCHOR);
  encoding.writeUint8(encoder, FORMAT);
  encoding.writeVarUint(encoder, flags);
  encoding.writeUint8(encoder, labelCode(annotation.label) * 4 + STATUSES.indexOf(annotation.status));
  if (anchor) {
    encoding.writeVarUint8Array(encoder, anchor[0]);
    encoding.writeVarUint8Array(encoder, anchor[1]);
  } else {
    encoding.writeVarString(encoder, annotation.anchor.start);
    encoding.writeVarString(encoder, annotation.anchor.end);
  }
  encoding.writeVarUint(encoder, annotation.start);
  encoding.writeVarUint(encoder, annotation.end);
  encoding.writeVarUint(encoder, annotation.quote.length);
  encoding.writeUint32(encoder, quoteHash(annotation.quote));
  encoding.writeVarUint(encoder, annotation.version);
  writeId(encoder, annotation.author.id);
  encoding.writeVarUint(encoder, Date.parse(annotation.createdAt));
  encoding.writeVarUint(encoder, annotation.evidence.corroborates);
  encoding.writeVarUint(encoder, annotation.evidence.contradicts);
  encoding.writeVarUint(encoder, annotation.citedBy ?? 0);
  if (annotation.note !== null) encoding.writeVarString(encoder, annotation.note);
  if (annotation.roundId) writeId(encoder, annotation.roundId);
  if (annotation.orphaned) encoding.writeVarString(encoder, annotation.quote);
  if (review) {
    encoding.writeUint8(encoder, DECISIONS.indexOf(review.decision));
    encoding.writeUint8(encoder, labelCode(review.fromLabel) * 4 + labelCode(review.toLabel));
    writeId(encoder, review.moderator.id);
    encoding.writeVarUint(encoder, Date.parse(review.createdAt));
    encoding.writeVarString(encoder, review.reason ?? "");
    encoding.writeUint8(encoder, review.reason === null ? 0 : 1);
  }
  return encoding.toUint8Array(encoder);
}

/** The people an annotation names (author, latest reviewer): id → name, for PEOPLE_MAP. */
export function livePeople(annotation: AnnotationJson): [string, string][] {
  const people: [string, string][] = [[annotation.author.id, annotation.author.name]];
  if (annotation.review) people.push([annotation.review.moderator.id, annotation.review.moderator.name]);
  return people;
}

/** What a reader of the live map holds of an annotation (what encodeLiveAnnotation keeps). */
export function toLiveAnnotation(annotation: AnnotationJson): LiveAnnotation {
  return {
    id: annotation.id,
    label: annotation.label,
    status: annotation.status,
    note: annotation.note,
    start: annotation.start,
    end: annotation.end,
    orphaned: annotation.orphaned,
    version: annotation.version,
    author: { ...annotation.author },
    roundId: annotation.roundId ?? null,
    anchor: { v: 1, start: annotation.anchor.start, end: annotation.anchor.end },
    evidence: { ...annotation.evidence },
    citedBy: annotation.citedBy ?? 0,
    review: annotation.review
      ? { ...annotation.review, moderator: { ...annotation.review.moderator } }
      : null,
    createdAt: annotation.createdAt,
    quoteCheck: { length: annotation.quote.length, hash: quoteHash(annotation.quote) },
    quote: annotation.orphaned ? annotation.quote : null,
  };
}

/** Reads a name from PEOPLE_MAP (or any map of id → name); "" when it is not there. */
export type PeopleLookup = { get(id: string): unknown } | undefined;
function nameOf(people: PeopleLookup, id: string): string {
  const name = people?.get(id);
  return typeof name === "string" ? name : "";
}

/**
 * Reads one entry of the live annotation map, or null when it is not an annotation (the map is
 * written only by the server; anything else is ignored). `people`: PEOPLE_MAP, for the names.
 * @throws nothing
 */
export function decodeLiveAnnotation(
  id: string,
  value: unknown,
  people?: PeopleLookup,
): LiveAnnotation | null {
  if (!(value instanceof Uint8Array)) return null;
  try {
    const decoder = decoding.createDecoder(value);
    if (decoding.readUint8(decoder) !== FORMAT) return null;
    const flags = decoding.readVarUint(decoder);
    const codes = decoding.readUint8(decoder);
    const label = labelOf(codes >> 2);
    const status = STATUSES[codes & 3];
    if (!label || !status) return null;
    const textAnchor = (flags & FLAG_TEXT_ANCHOR) !== 0;
    const anchorStart = textAnchor
      ? decoding.readVarString(decoder)
      : toBase64(decoding.readVarUint8Array(decoder));
    const anchorEnd = textAnchor
      ? decoding.readVarString(decoder)
      : toBase64(decoding.readVarUint8Array(decoder));
    const start = decoding.readVarUint(decoder);
    const end = decoding.readVarUint(decoder);
    const quoteLength = decoding.readVarUint(decoder);
    const hash = decoding.readUint32(decoder);
    const version = decoding.readVarUint(decoder);
    const authorId = readId(decoder);
    const createdAt = new Date(decoding.readVarUint(decoder)).toISOString();
    const corroborates = decoding.readVarUint(decoder);
    const contradicts = decoding.readVarUint(decoder);
    const citedBy = decoding.readVarUint(decoder);
    const note = flags & FLAG_NOTE ? decoding.readVarString(decoder) : null;
    const roundId = flags & FLAG_ROUND ? readId(decoder) : null;
    const quote = flags & FLAG_QUOTE ? decoding.readVarString(decoder) : null;
    let review: AnnotationReviewJson | null = null;
    if (flags & FLAG_REVIEW) {
      const decision = DECISIONS[decoding.readUint8(decoder)];
      const labels = decoding.readUint8(decoder);
      const moderatorId = readId(decoder);
      const reviewedAt = new Date(decoding.readVarUint(decoder)).toISOString();
      const reason = decoding.readVarString(decoder);
      const hasReason = decoding.readUint8(decoder) === 1;
      if (!decision) return null;
      review = {
        decision,
        reason: hasReason ? reason : null,
        fromLabel: labelOf(labels >> 2),
        toLabel: labelOf(labels & 3),
        moderator: { id: moderatorId, name: nameOf(people, moderatorId) },
        createdAt: reviewedAt,
      };
    }
    return {
      id,
      label,
      status,
      note,
      start,
      end,
      orphaned: (flags & FLAG_ORPHANED) !== 0,
      version,
      author: { id: authorId, name: nameOf(people, authorId) },
      roundId,
      anchor: { v: 1, start: anchorStart, end: anchorEnd },
      evidence: { corroborates, contradicts },
      citedBy,
      review,
      createdAt,
      quoteCheck: { length: quoteLength, hash },
      quote,
    };
  } catch {
    return null;
  }
}

/**
 * A reader of the live annotation map's entries that decodes only the values that changed since
 * its last read (or whose people were renamed): an unchanged annotation keeps its very object, so
 * callers that compare by identity redo only the changed ones. Entries that are not annotations
 * are left out.
 * @throws nothing
 */
export function createLiveAnnotationReader(): (
  entries: Iterable<[string, unknown]>,
  people?: PeopleLookup,
) => LiveAnnotation[] {
  let previous = new Map<string, { raw: unknown; annotation: LiveAnnotation | null }>();
  return (entries, people) => {
    const current = new Map<string, { raw: unknown; annotation: LiveAnnotation | null }>();
    const annotations: LiveAnnotation[] = [];
    for (const [key, raw] of entries) {
      let entry = previous.get(key);
      if (!entry || entry.raw !== raw || (entry.annotation && !sameNames(entry.annotation, people))) {
        entry = { raw, annotation: decodeLiveAnnotation(key, raw, people) };
      }
      current.set(key, entry);
      if (entry.annotation) annotations.push(entry.annotation);
    }
    previous = current;
    return annotations;
  };
}

function sameNames(annotation: LiveAnnotation, people: PeopleLookup): boolean {
  if (nameOf(people, annotation.author.id) !== annotation.author.name) return false;
  const moderator = annotation.review?.moderator;
  return !moderator || nameOf(people, moderator.id) === moderator.name;
}
