// The world the live annotation API tests share: a team with one member per role (plus `extra`),
// a second team whose members are the outsiders, the demo article imported into the first team,
// and the live collaboration server the routes publish to. Started in beforeAll; the file's
// afterAll ends the server with stopLiveCollabServer.
import type { Role } from "../../lib/generated/prisma/enums.ts";
import { type CollabTestServer, startLiveCollabServer } from "./collab-server.ts";
import { createTeamWithMembers, insertTextArticle, type TestTeam } from "./factories.ts";

export interface LiveArticleWorld {
  team: TestTeam;
  other: TestTeam;
  /** The demo article, imported into `team` by its admin. */
  articleId: string;
  server: CollabTestServer;
}

export async function startLiveArticleWorld(options: { extra?: Role[] } = {}): Promise<LiveArticleWorld> {
  const team = await createTeamWithMembers({ extra: options.extra });
  const other = await createTeamWithMembers();
  const article = await insertTextArticle({ teamId: team.id, importedById: team.admin.id });
  const server = await startLiveCollabServer();
  return { team, other, articleId: article.id, server };
}
