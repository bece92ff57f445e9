// next-auth v4 passes an error thrown from `authorize` or the signIn callback to the browser as
// `?error=<message>`. Only these codes travel that way; the sign-in page turns them into text, so
// a crafted link cannot put words of its own on the page.

export const WRONG_CREDENTIALS_MESSAGE = "Email or password is incorrect.";

/** The `?error=` code for a rate-limited attempt that must wait `seconds`. */
export function rateLimitedErrorCode(seconds: number): string {
  return `RateLimited:${Math.min(86_400, Math.max(1, Math.round(seconds)))}s`;
}

// A wait in words (kept here, not imported: this file is also bundled for the browser).
function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The message a person reads for a sign-in error code (next-auth's own codes included). */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  const limited = /^RateLimited:(\d{1,5})(s?)$/.exec(code);
  if (limited) {
    // `RateLimited:<seconds>s`; a bare number is minutes (links from before the seconds).
    const seconds = Number(limited[1]) * (limited[2] ? 1 : 60);
    return `Too many sign-in attempts. Try again in ${waitText(Math.max(1, seconds))}.`;
  }
  switch (code) {
    case "CredentialsSignin":
      return WRONG_CREDENTIALS_MESSAGE;
    case "AccountDisabled":
      return "This account is disabled. Ask an administrator of your team for help.";
    case "EmailNotVerified":
      return "That provider did not confirm your email address, so we cannot sign you in with it.";
    case "SessionRequired":
      return "Please sign in to continue.";
    case "OAuthAccountNotLinked":
    case "OAuthSignin":
    case "OAuthCallback":
    case "OAuthCreateAccount":
    case "Callback":
      return "Signing in with that provider did not work. Please try again.";
    default:
      return "Sign-in did not work. Please try again.";
  }
}

/** A path to go to after sign-in: only same-site paths, so a link cannot send people elsewhere. */
export function safeCallbackPath(value: string | null | undefined, fallback = "/"): string {
  if (!value) return fallback;
  let path = value;
  // next-auth hands absolute URLs of this site back; keep only their path.
  if (/^https?:\/\//i.test(path)) {
    try {
      const url = new URL(path);
      path = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  if (path.includes("\\") || [...path].some((c) => c.charCodeAt(0) < 0x20)) return fallback;
  if (path.startsWith("/signin") || path.startsWith("/register") || path.startsWith("/api/")) return fallback;
  return path;
}
