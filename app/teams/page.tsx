import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { CreateTeamForm } from "@/components/teams/create-team-form";
import { Card } from "@/components/ui/card";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { listTeams } from "@/lib/teams/list-teams.ts";
import { createTeamAction } from "./actions.ts";

export const metadata: Metadata = { title: "Your teams" };
export const dynamic = "force-dynamic";

export default async function TeamsPage() {
  const user = await requireCurrentUser("/teams");
  const teams = await listTeams({ actor: user });
  return (
    <div className="min-h-screen">
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex max-w-4xl items-center gap-4 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight text-gray-900">
            Proofmark
          </Link>
          <div className="ml-auto flex items-center gap-3 text-sm text-gray-700">
            <span>
              <span className="sr-only">Signed in as </span>
              {user.name}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-4xl space-y-8 px-4 py-8">
        <h1 className="text-2xl font-semibold text-gray-900">Your teams</h1>
        <Card title="Teams you belong to">
          {teams.length === 0 ? (
            <p className="text-sm text-gray-700">
              You are not in a team yet. Create one below, or open an invite link from a team admin.
            </p>
          ) : (
            <ul className="divide-y divide-gray-200">
              {teams.map((team) => (
                <li key={team.id} className="flex items-center justify-between gap-4 py-3">
                  <Link
                    href={`/t/${team.slug}`}
                    className="font-medium text-blue-800 underline-offset-2 hover:underline"
                  >
                    {team.name}
                  </Link>
                  <span className="text-sm text-gray-600">
                    <span className="sr-only">Your role: </span>
                    {team.role}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Create a team">
          <p className="mb-4 text-sm text-gray-700">You will be its admin and can invite your colleagues.</p>
          <CreateTeamForm action={createTeamAction} />
        </Card>
      </main>
    </div>
  );
}
