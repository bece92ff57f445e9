import { ZCreateArticleInput, ZListArticlesQuery, ZUpdateArticleInput } from "../../validation/articles.ts";
import { ZArticle, ZArticlePage, ZArticleWithText } from "../../validation/responses/articles.ts";
import { errorResponses, TEAM_PARAMETER, uuidParameter, WRITE_ERRORS } from "../components.ts";
import type { OpenApiModule } from "../types.ts";
import { zodQueryParameters, zodRequestBody, zodResponse } from "../zod.ts";

const ARTICLE_ID = uuidParameter("id", "The article's id");

/** Articles: import, list and search, read, archive, delete. */
export const articlePaths: OpenApiModule = {
  tags: [{ name: "articles", description: "A team's articles" }],
  paths: {
    "/api/v1/teams/{team}/articles": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "listArticles",
        tags: ["articles"],
        summary: "List or search the team's articles (scope read)",
        parameters: zodQueryParameters(ZListArticlesQuery, {
          q: 'Full-text search over title and body (web search syntax: words, "phrases", -not, or)',
          importedBy: "Only articles imported by this user",
          from: "Imported on or after this date",
          to: "Imported on or before this date (a date includes the whole day, UTC)",
          sort: "Default: relevance with q, newest without",
          archived: "Archived articles: left out (default), included, or only them",
          cursor: "The nextCursor of the previous page",
          limit: "Page size",
        }),
        responses: {
          "200": zodResponse("A page of articles", ZArticlePage),
          ...errorResponses(400, 401, 403, 404),
        },
      },
      post: {
        operationId: "createArticle",
        tags: ["articles"],
        summary: "Import an article (annotators, moderators, admins; scope annotate)",
        description:
          "format text, html or markdown: content is the body, at most 2 MB (UTF-8). Text: blank lines separate paragraphs. HTML and Markdown are reduced to paragraphs, headings, lists, block quotes, links (http, https, mailto) and emphasis; scripts, styles, event handlers, iframes, forms and images are dropped. format url: the server fetches url and keeps the story (422 not_an_article when there is none; fetch_* codes when the page cannot be fetched). format pdf: content is the PDF as base64, at most 4 MB (422 pdf_no_text for a scan). sourceUrl: http or https only. See docs/ARTICLES.md.",
        requestBody: zodRequestBody(ZCreateArticleInput),
        responses: {
          "201": zodResponse("The article", ZArticle),
          ...errorResponses(...WRITE_ERRORS, 422, 424),
        },
      },
    },
    "/api/v1/articles/{id}": {
      parameters: [ARTICLE_ID],
      get: {
        operationId: "getArticle",
        tags: ["articles"],
        summary: "An article with its plain text (scope read)",
        responses: {
          "200": zodResponse("The article", ZArticleWithText),
          ...errorResponses(401, 403, 404),
        },
      },
      patch: {
        operationId: "updateArticle",
        tags: ["articles"],
        summary: "Archive or unarchive an article (admins, signed in)",
        security: [{ sessionCookie: [] }],
        requestBody: zodRequestBody(ZUpdateArticleInput),
        responses: {
          "200": zodResponse("The article", ZArticle),
          ...errorResponses(...WRITE_ERRORS),
        },
      },
      delete: {
        operationId: "deleteArticle",
        tags: ["articles"],
        summary: "Delete an article for the team (admins, signed in); recorded in the audit log",
        security: [{ sessionCookie: [] }],
        responses: { "204": { description: "Deleted" }, ...errorResponses(401, 403, 404) },
      },
    },
  },
};
