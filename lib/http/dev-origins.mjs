// @ts-check
// The hosts from which the development server may be opened. Next 16's dev server refuses its
// own dev resources (/_next/*, the HMR websocket) to pages opened at any host but localhost
// unless the host is in `allowedDevOrigins`; a page opened at http://127.0.0.1:3000 or at the
// machine's network address then never hydrates and stays on "Connecting…". Only development
// reads this (next.config.js); production serves every host.
import { hostname, networkInterfaces } from "node:os";

/**
 * 127.0.0.1, ::1, this machine's name and every address of its network interfaces, and the host
 * of NEXTAUTH_URL.
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function developmentOrigins(env = process.env) {
  const hosts = new Set(["127.0.0.1", "[::1]", "::1"]);
  try {
    hosts.add(hostname().toLowerCase());
  } catch {
    // no hostname: the addresses below still count
  }
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === "IPv4") hosts.add(address.address);
      else hosts.add(`[${address.address.split("%")[0]}]`);
    }
  }
  if (env.NEXTAUTH_URL) {
    try {
      hosts.add(new URL(env.NEXTAUTH_URL).hostname.toLowerCase());
    } catch {
      // an invalid NEXTAUTH_URL is reported by the configuration check
    }
  }
  return [...hosts];
}
