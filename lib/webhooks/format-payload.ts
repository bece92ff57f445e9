import type { EventPayload } from "../events/record-event.ts";

/** How an endpoint wants its deliveries: the event as is, or a Slack incoming-webhook message. */
export const WEBHOOK_FORMATS = ["standard", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

// Slack's mrkdwn treats &, < and > as control characters.
function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

type Data = Record<string, Record<string, unknown> | undefined>;

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

const REVIEW_VERBS: Record<string, string> = {
  approve: "approved",
  reject: "rejected",
  relabel: "relabelled",
};

/** The one-line, readable sentence a Slack channel shows for an event. */
export function slackText(event: EventPayload): string {
  const data = event.data as Data;
  const who = slackEscape(str(data.actor?.name) || "Someone");
  const article = data.article;
  const link = article ? `<${str(article.url)}|${slackEscape(shorten(str(article.title), 120))}>` : "";
  const annotation = data.annotation;
  const quote = annotation ? `"${slackEscape(shorten(str(annotation.quote)))}"` : "";
  const label = annotation ? `*${slackEscape(str(annotation.label))}*` : "";
  switch (event.type) {
    case "article.created":
      return `${who} imported ${link}`;
    case "article.updated":
      return `${link} was corrected`;
    case "annotation.created":
      return `${who} tagged ${quote} as ${label} in ${link}`;
    case "annotation.updated":
      return `${who} changed ${quote} (now ${label}) in ${link}`;
    case "annotation.deleted":
      return `${who} deleted the ${label} highlight ${quote} in ${link}`;
    case "annotation.reviewed": {
      const review = data.review ?? {};
      const verb = REVIEW_VERBS[str(review.decision)] ?? "reviewed";
      const reason = str(review.reason) ? ` (${slackEscape(shorten(str(review.reason)))})` : "";
      return `${who} ${verb} ${label} ${quote} in ${link}${reason}`;
    }
    case "evidence.added":
    case "evidence.removed": {
      const evidence = data.evidence ?? {};
      const relation = slackEscape(str(evidence.relation) || "evidence");
      const source = str(evidence.url)
        ? ` <${str(evidence.url)}|${slackEscape(shorten(str(evidence.title) || str(evidence.url), 80))}>`
        : "";
      const verb = event.type === "evidence.added" ? "added" : "removed";
      return `${who} ${verb} evidence that ${relation} ${quote}${source} in ${link}`;
    }
    default:
      return `Proofmark event ${slackEscape(event.type)}`;
  }
}

/** The request body for an endpoint's format. */
export function formatDeliveryBody(event: EventPayload, format: WebhookFormat): string {
  if (format === "slack") return JSON.stringify({ text: slackText(event), unfurl_links: false });
  return JSON.stringify(event);
}
