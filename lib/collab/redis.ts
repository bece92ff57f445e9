import type { Extension } from "@hocuspocus/server";
import { markSharedStateExtension } from "./instance.ts";
import { ResilientRedis } from "./resilient-redis.ts";

/**
 * The Hocuspocus extension that lets several app instances serve the same live documents:
 * updates and presence travel through Redis pub/sub, and a Redis lock lets one instance at a
 * time store a document; an unreachable Redis degrades to serving each instance's own clients
 * and documents re-sync when it returns (resilient-redis.ts).
 * `redisUrl` is `redis://[user:password@]host[:port][/db]` or `rediss://`.
 * @throws TypeError when the URL cannot be parsed
 */
export function createRedisExtension(redisUrl: string, prefix = "proofmark"): Extension {
  const url = new URL(redisUrl);
  const db = Number.parseInt(url.pathname.slice(1) || "0", 10);
  const extension = new ResilientRedis({
    host: url.hostname,
    port: Number.parseInt(url.port || "6379", 10),
    prefix,
    options: {
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: Number.isInteger(db) ? db : 0,
      tls: url.protocol === "rediss:" ? {} : undefined,
    },
  });
  // Publishing annotation state must reach documents that only other instances hold.
  return markSharedStateExtension(extension);
}
