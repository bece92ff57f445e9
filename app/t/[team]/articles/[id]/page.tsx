import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AnnotatedArticle } from "@/components/annotator/annotated-article";
import { ArticleAdminActions } from "@/components/articles/article-admin-actions";
import { ArticleBodyStatic } from "@/components/articles/article-body-static";
import { ArticleHistory } from "@/components/articles/article-history";
import { SourceRefreshButton } from "@/components/articles/source-refresh-button";
import { ExportDialog } from "@/components/export/export-dialog";
import { RoundPanel } from "@/components/rounds/round-panel";
import { LocalTime } from "@/components/ui/local-time";
import { PublicationPanel } from "@/components/verdicts/publication-panel";
import { getArticleAgreement } from "@/lib/agreement/get-agreement";
import { listHighlightSpans } from "@/lib/annotations/list-highlight-spans";
import { getArticleAccessOrThrow } from "@/lib/articles/get-article";
import { listArticleHistory } from "@/lib/articles/list-article-history";
import { listSourceChangedHighlights } from "@/lib/articles/list-source-changed-highlights";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { canExportAllStatuses } from "@/lib/export/export-filters";
import { notFoundIfMissing } from "@/lib/pages/team-page";
import { can } from "@/lib/policies/team";
import { embedSnippet } from "@/lib/publications/embed-snippet";
import { getPublication } from "@/lib/publications/publish-article";
import { getRoundPageState } from "@/lib/rounds/get-round-page-state";
import {
  createAnnotationAction,
  deleteAnnotationAction,
  deleteArticleAction,
  setArchivedAction,
  updateAnnotationAction,
} from "./actions";
import {
  addEvidenceAction,
  checkEvidenceLinkAction,
  listEvidenceAction,
  removeEvidenceAction,
} from "./evidence-actions";
import { publishAction, republishAction, unpublishAction } from "./publication-actions";
import { extendRoundAction, revealRoundAction, startRoundAction, submitRoundAction } from "./round-actions";
import { refreshSourceAction } from "./source-actions";
import { deleteVerdictAction, getRatingScaleAction, setVerdictAction } from "./verdict-actions";

export const dynamic = "force-dynamic";

async function load(id: string, team: string) {
  const user = await requireCurrentUser();
  try {
    const { article, access } = await getArticleAccessOrThrow(user, id);
    if (access.team.slug !== team) notFound();
    return { article, access, user };
  } catch (error) {
    notFoundIfMissing(error);
    throw error;
  }
}

export async function generateMetadata({
  params,
}: {
  params: Promise<{ team: string; id: string }>;
}): Promise<Metadata> {
  const { team, id } = await params;
  const { article } = await load(id, team);
  return { title: article.title };
}

export default async function ArticlePage({
  params,
  searchParams,
}: {
  params: Promise<{ team: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { team, id } = await params;
  const query = await searchParams;
  const { article, access, user } = await load(id, team);
  const sourceChanged = await listSourceChangedHighlights({ actor: user, articleId: article.id });
  const canPublish = can(access, "article.publish");
  const publication = canPublish ? await getPublication({ actor: user, articleId: article.id }) : null;
  const origin = process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : "";
  const done = typeof query.publication === "string" ? query.publication : null;
  const rounds = await getRoundPageState({ actor: user, articleId: article.id });
  const canManageRounds = rounds.candidates !== null;
  const open = rounds.open;
  const revealed = rounds.latest && rounds.latest.status === "revealed" ? rounds.latest : null;
  const header = (
    <header className="mb-6 border-b border-gray-200 pb-6">
      {article.archivedAt && (
        <p className="mb-3 inline-block rounded bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">
          Archived
        </p>
      )}
      <h1
        dir="auto"
        lang={article.language ?? undefined}
        className="font-serif text-2xl font-bold leading-tight text-gray-900 [overflow-wrap:anywhere] sm:text-3xl"
      >
        {article.title}
      </h1>
      <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm text-gray-700">
        {article.byline && (
          <div>
            <dt className="sr-only">Byline</dt>
            <dd>{article.byline}</dd>
          </div>
        )}
        {article.publishedAt && (
          <div>
            <dt className="inline">Published </dt>
            <dd className="inline">
              <LocalTime value={article.publishedAt} calendarDate />
            </dd>
          </div>
        )}
        {article.sourceUrl && (
          <div>
            <dt className="inline">Source </dt>
            <dd className="inline">
              <a
                href={article.sourceUrl}
                rel="noopener noreferrer nofollow"
                target="_blank"
                className="text-blue-800 underline"
              >
                {new URL(article.sourceUrl).hostname}
              </a>
            </dd>
          </div>
        )}
        <div>
          <dt className="inline">Imported by </dt>
          <dd className="inline">{article.importedBy.name}</dd>
        </div>
      </dl>
      {article.fetchedUrl && can(access, "article.import") && !article.archivedAt && (
        <div className="mt-4">
          <SourceRefreshButton
            action={refreshSourceAction.bind(null, team, article.id)}
            checkedAt={article.sourceFetchedAt?.toISOString() ?? null}
          />
        </div>
      )}
      {sourceChanged.length > 0 && (
        <section
          aria-labelledby="source-changed"
          className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
        >
          <h2 id="source-changed" className="font-medium text-amber-950">
            The source changed:{" "}
            {sourceChanged.length === 1
              ? "1 highlight no longer matches"
              : `${sourceChanged.length} highlights no longer match`}{" "}
            its text
          </h2>
          <ul className="mt-2 space-y-1 text-gray-900">
            {sourceChanged.map((highlight) => (
              <li key={highlight.id}>
                “
                <bdi>
                  {highlight.quote.length > 160 ? `${highlight.quote.slice(0, 160)}…` : highlight.quote}
                </bdi>
                ” ({highlight.label}, {highlight.author.name})
              </li>
            ))}
          </ul>
        </section>
      )}
      {can(access, "export") && (
        <div className="mt-4">
          <ExportDialog
            scope={{ kind: "article", team, articleId: article.id }}
            canSeeAllStatuses={canExportAllStatuses(access)}
          />
        </div>
      )}
      <RoundPanel
        state={rounds}
        outcome={typeof query.round === "string" ? query.round : null}
        error={typeof query.roundError === "string" ? query.roundError.slice(0, 300) : null}
        adjudicationHref={
          canManageRounds && revealed
            ? `/t/${encodeURIComponent(team)}/articles/${article.id}/rounds/${revealed.id}`
            : null
        }
        onStart={startRoundAction.bind(null, team, article.id)}
        onSubmit={open && rounds.mine ? submitRoundAction.bind(null, team, article.id, open.id) : null}
        onReveal={open && canManageRounds ? revealRoundAction.bind(null, team, article.id, open.id) : null}
        onExtend={open && canManageRounds ? extendRoundAction.bind(null, team, article.id, open.id) : null}
      />
      {canPublish && (
        <PublicationPanel
          publication={publication}
          origin={origin}
          snippet={publication && origin ? embedSnippet(origin, publication.publicId, article.title) : null}
          message={
            done === "published" || done === "republished" || done === "unpublished"
              ? `The article was ${done}.`
              : null
          }
          error={typeof query.publicationError === "string" ? query.publicationError.slice(0, 300) : null}
          onPublish={publishAction.bind(null, team, article.id)}
          onRepublish={republishAction.bind(null, team, article.id)}
          onUnpublish={unpublishAction.bind(null, team, article.id)}
        />
      )}
      {can(access, "article.archive") && (
        <div className="mt-4">
          <ArticleAdminActions
            title={article.title}
            archived={article.archivedAt !== null}
            onSetArchived={setArchivedAction.bind(null, team, article.id)}
            onDelete={deleteArticleAction.bind(null, team, article.id)}
          />
        </div>
      )}
    </header>
  );
  const archived = article.archivedAt !== null;
  const submitted = Boolean(rounds.mine?.submittedAt);
  const readOnlyReason = archived
    ? "This article is archived: its passages can no longer be tagged."
    : submitted
      ? "You submitted your highlights for this blind round: they are frozen until it is revealed."
      : can(access, "annotation.create")
        ? undefined
        : `You are a ${access.role.toLowerCase()} in this team: you can read, search and export, but tagging passages needs the annotator role.`;
  return (
    <AnnotatedArticle
      articleId={article.id}
      team={team}
      canCorrect={can(access, "article.correct") && !archived}
      canAnnotate={can(access, "annotation.create") && !archived && !submitted}
      annotationsDocument={rounds.annotationsDocument}
      canGiveVerdicts={can(access, "verdict.write") && !archived}
      readOnlyReason={readOnlyReason}
      user={{ id: user.userId, name: user.name }}
      header={header}
      fallback={
        <ArticleBodyStatic
          content={article.contentJson}
          highlights={await listHighlightSpans({ actor: user, articleId: article.id, text: article.text })}
        />
      }
      agreement={{
        title: "Agreement on this article",
        initial: await getArticleAgreement({ actor: user, articleId: article.id }),
      }}
      footer={
        <div className="mt-6">
          <ArticleHistory entries={await listArticleHistory({ actor: user, articleId: article.id })} />
        </div>
      }
      actions={{
        create: createAnnotationAction,
        update: updateAnnotationAction,
        remove: deleteAnnotationAction,
        evidence: {
          list: listEvidenceAction,
          add: addEvidenceAction,
          remove: removeEvidenceAction,
          check: checkEvidenceLinkAction,
        },
        verdicts: {
          getRatingScale: getRatingScaleAction,
          set: setVerdictAction,
          remove: deleteVerdictAction,
        },
      }}
    />
  );
}
