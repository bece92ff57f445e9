/** The public base URL of the app, for links in events (NEXTAUTH_URL, as the start script sets it). */
export function appBaseUrl(): string {
  const configured = process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`;
  return configured.replace(/\/+$/, "");
}

/** The article page, where people read and annotate it. */
export function articlePageUrl(teamSlug: string, articleId: string): string {
  return `${appBaseUrl()}/t/${encodeURIComponent(teamSlug)}/articles/${articleId}`;
}

/** The article page scrolled to one annotation. */
export function annotationPageUrl(teamSlug: string, articleId: string, annotationId: string): string {
  return `${articlePageUrl(teamSlug, articleId)}#annotation-${annotationId}`;
}
