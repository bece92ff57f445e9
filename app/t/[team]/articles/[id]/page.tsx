import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AnnotatedArticle } from "@/components/annotator/annotated-article";
import { ArticleAdminActions } from "@/components/articles/article-admin-actions";
import { ArticleBodyStatic } from "@/components/articles/article-body-static";
import { ArticleHistory } from "@/components/articles/article-history";
import { ExportDialog } from "@/components/export/export-dialog";
import { AgreementPanel } from "@/components/moderation/agreement-panel";
import { getArticleAgreement } from "@/lib/agreement/get-agreement";
import { listHighlightSpans } from "@/lib/annotations/list-highlight-spans";
import { getArticleAccessOrThrow } from "@/lib/articles/get-article";
import { listArticleHistory } from "@/lib/articles/list-article-history";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { canExportAllStatuses } from "@/lib/export/export-filters";
import { notFoundIfMissing } from "@/lib/pages/team-page";
import { can } from "@/lib/policies/team";
import {
  createAnnotationAction,
  deleteAnnotationAction,
  deleteArticleAction,
  setArchivedAction,
  updateAnnotationAction,
} from "./actions";
import { addEvidenceAction, listEvidenceAction, removeEvidenceAction } from "./evidence-actions";

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

export default async function ArticlePage({ params }: { params: Promise<{ team: string; id: string }> }) {
  const { team, id } = await params;
  const { article, access, user } = await load(id, team);
  const published = article.publishedAt?.toLocaleDateString("en-GB", { dateStyle: "long", timeZone: "UTC" });
  const header = (
    <header className="mb-6 border-b border-gray-200 pb-6">
      {article.archivedAt && (
        <p className="mb-3 inline-block rounded bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">
          Archived
        </p>
      )}
      <h1 className="font-serif text-3xl font-bold leading-tight text-gray-900">{article.title}</h1>
      <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm text-gray-700">
        {article.byline && (
          <div>
            <dt className="sr-only">Byline</dt>
            <dd>{article.byline}</dd>
          </div>
        )}
        {published && (
          <div>
            <dt className="inline">Published </dt>
            <dd className="inline">{published}</dd>
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
  return (
    <AnnotatedArticle
      articleId={article.id}
      team={team}
      canCorrect={can(access, "article.correct") && !archived}
      canAnnotate={can(access, "annotation.create") && !archived}
      user={{ id: user.userId, name: user.name }}
      header={header}
      fallback={
        <ArticleBodyStatic
          content={article.contentJson}
          highlights={await listHighlightSpans({ actor: user, articleId: article.id, text: article.text })}
        />
      }
      footer={
        <div className="mt-10 space-y-6">
          <AgreementPanel
            title="Agreement on this article"
            agreement={await getArticleAgreement({ actor: user, articleId: article.id })}
          />
          <ArticleHistory entries={await listArticleHistory({ actor: user, articleId: article.id })} />
        </div>
      }
      actions={{
        create: createAnnotationAction,
        update: updateAnnotationAction,
        remove: deleteAnnotationAction,
        evidence: { list: listEvidenceAction, add: addEvidenceAction, remove: removeEvidenceAction },
      }}
    />
  );
}
