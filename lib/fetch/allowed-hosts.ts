/**
 * `FETCH_ALLOW_HOSTS`: a comma-separated list of `host:port` pairs that the fetcher may reach even
 * when they resolve to a private or loopback address (a newsroom's intranet CMS, the tests'
 * fixture servers). Read on every call so a change of the variable needs no restart in tests.
 */
export function readAllowedHosts(env: NodeJS.ProcessEnv = process.env): string[] {
  return parseAllowedHosts(env.FETCH_ALLOW_HOSTS ?? "");
}

/** Parses a `host:port,host:port` list into normalised `host:port` strings (invalid entries dropped). */
export function parseAllowedHosts(value: string): string[] {
  const hosts: string[] = [];
  for (const entry of value.split(",")) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    // A port is required: exempting every port of a host would be too broad.
    const match = /^(.+):(\d{1,5})$/.exec(trimmed);
    if (!match?.[1] || !match[2] || Number(match[2]) > 65535) continue;
    try {
      hosts.push(`${new URL(`http://${match[1]}`).hostname}:${Number(match[2])}`);
    } catch {
      // not a host:port; ignored
    }
  }
  return hosts;
}

/** Whether `url`'s host and port (the default port of its scheme when none is written) is exempt. */
export function isAllowedHost(url: URL, allowHosts: readonly string[]): boolean {
  if (allowHosts.length === 0) return false;
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return allowHosts.includes(`${url.hostname}:${port}`);
}
