import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { AppError } from "../errors.ts";
import { isAllowedHost, readAllowedHosts } from "./allowed-hosts.ts";
import { parseFetchTarget } from "./fetch-url.ts";

/** How long a registration waits for the name's addresses before giving up on checking them now. */
const LOOKUP_TIMEOUT_MS = 2_000;

type Lookup = (hostname: string) => Promise<string[]>;

const systemLookup: Lookup = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Whether an address is one the fetcher refuses to connect to: anything but a public unicast
 * address (loopback, private, link-local, carrier-grade NAT, multicast, unspecified, IPv4-mapped
 * IPv6...). The same rule request-filtering-agent applies at connect time in fetch-url.ts.
 */
export function isNonPublicAddress(address: string): boolean {
  try {
    return ipaddr.parse(address).range() !== "unicast";
  } catch {
    return true;
  }
}

/**
 * Checks a destination when it is saved (a webhook endpoint), so that an admin learns at once that
 * it points at a private address, instead of from a delivery log. Literal addresses and names that
 * resolve to a non-public address are refused unless their `host:port` is in FETCH_ALLOW_HOSTS; a
 * name that does not resolve now is accepted. The fetcher checks again at every connection (a name
 * can be re-pointed after it was saved), so this check is for people, not the security boundary.
 * @throws AppError invalid_input | fetch_blocked_address
 */
export async function assertFetchableDestination(
  raw: string,
  options: { allowHosts?: readonly string[]; lookup?: Lookup } = {},
): Promise<void> {
  const url = parseFetchTarget(raw);
  if (isAllowedHost(url, options.allowHosts ?? readAllowedHosts())) return;
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  if (isIP(hostname)) {
    addresses = [hostname];
  } else {
    const resolve = options.lookup ?? systemLookup;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string[]>((resolveEmpty) => {
      timer = setTimeout(() => resolveEmpty([]), LOOKUP_TIMEOUT_MS);
    });
    addresses = await Promise.race([resolve(hostname).catch(() => [] as string[]), timeout]).finally(() =>
      clearTimeout(timer),
    );
  }
  const blocked = addresses.find(isNonPublicAddress);
  if (blocked) {
    throw new AppError(
      "fetch_blocked_address",
      `${url.host} is a private or local address (${blocked}); Proofmark only sends to public addresses unless FETCH_ALLOW_HOSTS lists ${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`,
    );
  }
}
