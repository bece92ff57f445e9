import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AnnotatedArticle } from "@/components/annotator/annotated-article";
import { ArticleAdminActions } from "@/components/articles/article-admin-actions";
import { ArticleBodyStatic } from "@/components/articles/article-body-static";
import { ArticleHistory } from "@/components/articles/article-history";
import { ExportDialog } from "@/components/export/export-dialog";
import { LocalTime } from "@/components/ui/local-time";
import { getArticleAgreement } from "@/lib/agreement/get-agreement";
import { listHighlightSpans } from "@/lib/annotations/list-highlight-spans";
import { getArticleAccessOrThrow } from "@/lib/articles/get-article";
import { listArticleHistory } from "@/lib/articles/list-article-history";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { canExportAllStatuses } from "@/lib/export/export-filters";
import { can } from "@/lib/policies/team";
import {
  createAnnotationAction,
  deleteAnnotationAction,
  deleteArticleAction,
  setArchivedAction,
  updateAnnotationAction,
} from "./actions";

export const dynamic = "force-dynamic";

async function load(id: string, team: string) {
  const user = await requireCurrentUser();
  try {
    const { article, access } = await getArticleAccessOrThrow(user, id);
    if (access.team.slug !== team) notFound();
    return { article, access, user };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
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

export default async function ArticlePage({ params }: { params: Promise<{ team: string; id: string }> }) {
  const { team, id } = await params;
  const { article, access, user } = await load(id, team);
  const header = (
    <header className="mb-6 border-b border-gray-200 pb-6">
      {article.archivedAt && (
        <p className="mb-3 inline-block rounded bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">
          Archived
        </p>
      )}
      <h1 className="font-serif text-2xl font-bold leading-tight text-gray-900 [overflow-wrap:anywhere] sm:text-3xl">
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
      {can(access, "export") && (
        <div className="mt-4">
          <ExportDialog
            scope={{ kind: "article", team, articleId: article.id }}
            canSeeAllStatuses={canExportAllStatuses(access)}
          />
        </div>
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
  const readOnlyReason = archived
    ? "This article is archived: its passages can no longer be tagged."
    : can(access, "annotation.create")
      ? undefined
      : `You are a ${access.role.toLowerCase()} in this team: you can read, search and export, but tagging passages needs the annotator role.`;
  return (
    <AnnotatedArticle
      articleId={article.id}
      team={team}
      canCorrect={can(access, "article.correct") && !archived}
      canAnnotate={can(access, "annotation.create") && !archived}
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
      }}
    />
  );
}
