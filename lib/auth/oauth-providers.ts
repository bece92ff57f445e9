import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import type { Provider } from "next-auth/providers/index";

/** An OAuth/OIDC provider the sign-in page offers a button for. */
export interface OAuthProviderInfo {
  id: string;
  name: string;
}

/** The OAuth/OIDC providers switched on by environment variables (none by default). */
export function configuredOAuthProviders(env: NodeJS.ProcessEnv = process.env): OAuthProviderInfo[] {
  const providers: OAuthProviderInfo[] = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) providers.push({ id: "github", name: "GitHub" });
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) providers.push({ id: "google", name: "Google" });
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push({ id: "oidc", name: env.OIDC_NAME || "Single sign-on" });
  }
  return providers;
}

interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
  picture?: string;
}

/** The next-auth provider objects of the configured OAuth/OIDC providers. */
export function buildOAuthProviders(env: NodeJS.ProcessEnv = process.env): Provider[] {
  const providers: Provider[] = [];
  for (const { id, name } of configuredOAuthProviders(env)) {
    if (id === "github") {
      providers.push(GitHubProvider({ clientId: env.GITHUB_ID!, clientSecret: env.GITHUB_SECRET! }));
    } else if (id === "google") {
      providers.push(
        GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID!, clientSecret: env.GOOGLE_CLIENT_SECRET! }),
      );
    } else if (id === "oidc") {
      const issuer = env.OIDC_ISSUER!.replace(/\/+$/, "");
      providers.push({
        id: "oidc",
        name,
        type: "oauth",
        wellKnown: `${issuer}/.well-known/openid-configuration`,
        clientId: env.OIDC_CLIENT_ID!,
        clientSecret: env.OIDC_CLIENT_SECRET!,
        authorization: { params: { scope: "openid email profile" } },
        idToken: true,
        checks: ["pkce", "state"],
        profile(profile: OidcProfile) {
          return {
            id: profile.sub,
            name: profile.name ?? profile.preferred_username ?? profile.email ?? null,
            email: profile.email ?? null,
            image: profile.picture ?? null,
          };
        },
      });
    }
  }
  return providers;
}

/**
 * Whether the provider vouches for the email of this sign-in. GitHub's profile does not say,
 * so its email list is asked (the token has the user:email scope).
 */
export async function isProviderEmailVerified(
  provider: string,
  email: string | null | undefined,
  profile: Record<string, unknown> | undefined,
  accessToken: string | undefined,
): Promise<boolean> {
  if (!email) return false;
  if (provider === "github") {
    if (!accessToken) return false;
    const response = await fetch("https://api.github.com/user/emails", {
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/vnd.github+json" },
    });
    if (!response.ok) return false;
    const emails = (await response.json()) as Array<{ email: string; verified: boolean }>;
    return emails.some((e) => e.verified && e.email.toLowerCase() === email.toLowerCase());
  }
  return profile?.email_verified === true || profile?.email_verified === "true";
}
