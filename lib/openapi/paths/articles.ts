import {
  errorResponses,
  jsonRequestBody,
  jsonResponse,
  queryParameter,
  schemaRef,
  TEAM_PARAMETER,
  uuidParameter,
  WRITE_ERRORS,
} from "../components.ts";
import type { OpenApiModule } from "../types.ts";

const nullableString = { type: ["string", "null"] };
const timestamp = { type: "string", format: "date-time" };
const nullableTimestamp = { type: ["string", "null"], format: "date-time" };
const ARTICLE_ID = uuidParameter("id", "The article's id");

/** Articles: import, list and search, read, archive, delete. */
export const articlePaths: OpenApiModule = {
  tags: [{ name: "articles", description: "A team's articles" }],
  schemas: {
    Article: {
      type: "object",
      required: [
        "id",
        "team",
        "title",
        "byline",
        "sourceUrl",
        "publishedAt",
        "language",
        "format",
        "importedBy",
        "createdAt",
        "updatedAt",
        "archivedAt",
      ],
      properties: {
        id: { type: "string", format: "uuid" },
        team: { type: "string", description: "The team's slug" },
        title: { type: "string" },
        byline: nullableString,
        sourceUrl: { type: ["string", "null"], format: "uri" },
        publishedAt: nullableTimestamp,
        language: nullableString,
        format: {
          type: "string",
          enum: ["text", "html", "markdown", "url", "pdf"],
          description: "The format it was imported from",
        },
        fetchedUrl: {
          type: ["string", "null"],
          format: "uri",
          description:
            "For url imports: the URL the page was fetched from (after redirects); sourceUrl is the page's canonical URL",
        },
        sourceFetchedAt: {
          ...nullableTimestamp,
          description: "For url imports: when the source was last fetched",
        },
        importedBy: schemaRef("UserRef"),
        createdAt: timestamp,
        updatedAt: timestamp,
        archivedAt: nullableTimestamp,
      },
    },
    ArticleWithText: {
      allOf: [
        schemaRef("Article"),
        {
          type: "object",
          required: ["text"],
          properties: {
            text: {
              type: "string",
              description:
                "The plain text that annotation offsets count in (UTF-16 code units): textblocks in document order separated by a blank line, hard breaks as newlines (docs/TEXT-MODEL.md)",
            },
          },
        },
      ],
    },
    ArticleListItem: {
      allOf: [
        schemaRef("Article"),
        {
          type: "object",
          properties: {
            snippet: {
              type: "array",
              description:
                "With q: passages of the text around the matches; `match` marks matched words. Plain text, never HTML.",
              items: {
                type: "object",
                required: ["text", "match"],
                properties: { text: { type: "string" }, match: { type: "boolean" } },
              },
            },
          },
        },
      ],
    },
    CreateArticleInput: {
      type: "object",
      required: ["title", "format", "content"],
      properties: {
        title: { type: "string", minLength: 1, maxLength: 500 },
        byline: { type: ["string", "null"], maxLength: 500 },
        sourceUrl: { type: ["string", "null"], format: "uri", description: "http or https only" },
        publishedAt: {
          type: ["string", "null"],
          description: "A date (2019-10-30) or date-time with offset",
        },
        language: { type: ["string", "null"], description: "A language tag such as en or en-GB" },
        format: { type: "string", enum: ["text", "html", "markdown"] },
        content: {
          type: "string",
          description:
            "The body, at most 2 MB (UTF-8). Text: blank lines separate paragraphs. HTML and Markdown are reduced to paragraphs, headings, lists, block quotes, links (http, https, mailto) and emphasis; scripts, styles, event handlers, iframes, forms and images are dropped.",
        },
      },
    },
  },
  paths: {
    "/api/v1/teams/{team}/articles": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "listArticles",
        tags: ["articles"],
        summary: "List or search the team's articles (scope read)",
        parameters: [
          queryParameter(
            "q",
            'Full-text search over title and body (web search syntax: words, "phrases", -not, or)',
            {
              type: "string",
              maxLength: 200,
            },
          ),
          queryParameter("importedBy", "Only articles imported by this user", {
            type: "string",
            format: "uuid",
          }),
          queryParameter("from", "Imported on or after this date", { type: "string" }),
          queryParameter("to", "Imported on or before this date (a date includes the whole day, UTC)", {
            type: "string",
          }),
          queryParameter("sort", "Default: relevance with q, newest without", {
            type: "string",
            enum: ["relevance", "newest", "oldest", "title"],
          }),
          queryParameter("archived", "Archived articles: left out (default), included, or only them", {
            type: "string",
            enum: ["exclude", "include", "only"],
          }),
          queryParameter("cursor", "The nextCursor of the previous page", { type: "string" }),
          queryParameter("limit", "Page size", { type: "integer", minimum: 1, maximum: 100, default: 25 }),
        ],
        responses: {
          "200": jsonResponse("A page of articles", {
            type: "object",
            required: ["items", "nextCursor"],
            properties: {
              items: { type: "array", items: schemaRef("ArticleListItem") },
              nextCursor: nullableString,
            },
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
      post: {
        operationId: "createArticle",
        tags: ["articles"],
        summary: "Import an article (annotators, moderators, admins; scope annotate)",
        requestBody: jsonRequestBody({
          oneOf: [schemaRef("CreateArticleInput"), schemaRef("UrlImportInput"), schemaRef("PdfImportInput")],
          discriminator: { propertyName: "format" },
        }),
        responses: {
          "201": jsonResponse("The article", schemaRef("Article")),
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
          "200": jsonResponse("The article", schemaRef("ArticleWithText")),
          ...errorResponses(401, 403, 404),
        },
      },
      patch: {
        operationId: "updateArticle",
        tags: ["articles"],
        summary: "Archive or unarchive an article (admins, signed in)",
        security: [{ sessionCookie: [] }],
        requestBody: jsonRequestBody({
          type: "object",
          required: ["archived"],
          additionalProperties: false,
          properties: { archived: { type: "boolean" } },
        }),
        responses: {
          "200": jsonResponse("The article", schemaRef("Article")),
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
