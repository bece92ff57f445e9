import type { Metadata } from "next";
import { ImportArticleForm } from "@/components/articles/import-article-form";
import { Card } from "@/components/ui/card";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/policies/team";
import { getTeamAccessOrThrow } from "@/lib/teams/access";
import { importArticleAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import an article" };

export default async function ImportArticlePage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const user = await requireCurrentUser();
  const access = await getTeamAccessOrThrow(user, { slug: team });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">Import an article</h1>
      {can(access, "article.import") ? (
        <Card>
          <ImportArticleForm action={importArticleAction.bind(null, team)} />
        </Card>
      ) : (
        <p role="alert" className="text-gray-800">
          Viewers can read the team’s articles but not import them. Ask an admin for the annotator role.
        </p>
      )}
    </div>
  );
}
