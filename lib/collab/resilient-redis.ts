import { type Configuration, Redis } from "@hocuspocus/extension-redis";
import {
  type afterLoadDocumentPayload,
  type afterUnloadDocumentPayload,
  type beforeBroadcastStatelessPayload,
  type Document,
  OutgoingMessage,
  type onAwarenessUpdatePayload,
  type onChangePayload,
  type onStoreDocumentPayload,
} from "@hocuspocus/server";
import { getLogger } from "../observability/logger.ts";

// After Redis comes back, resync again this much later: the other instances' subscriber
// connections may come back a moment after ours.
const SECOND_RESYNC_MS = 1000;
// Longest a store waits for the Redis lock before storing without it.
const LOCK_WAIT_MS = 2000;

/**
 * @hocuspocus/extension-redis, made to survive Redis going away (the stock extension crashes
 * a plain Node process with unhandled rejections, stops storing bodies because it cannot take
 * its lock, makes document loads wait for Redis, and never re-syncs documents that diverged):
 * - while Redis is unreachable every instance keeps serving its own connections: publishes are
 *   dropped (no offline queue), failures are logged once per outage, never thrown at Hocuspocus;
 * - bodies are still stored in PostgreSQL, without the Redis lock (storeCorrectedBody merges
 *   the stored state first, so two instances storing never drop each other's edits);
 * - when Redis is back, every loaded document is re-subscribed and its state vector and an
 *   awareness query are published, so instances exchange what they missed and clients converge.
 */
export class ResilientRedis extends Redis {
  private readyOnce = false;
  private outageLogged = false;

  constructor(configuration: Partial<Configuration>) {
    super({
      ...configuration,
      // Fail fast while disconnected instead of queueing stale sync messages; resync() covers it.
      // and fail commands caught in flight by a disconnect after one reconnection attempt
      // (ioredis's default of 20 holds a store's lock request for ~10 s).
      options: { ...configuration.options, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
    });
    for (const client of [this.pub, this.sub]) client.on("error", (error: Error) => this.noteFailure(error));
    // The stock extension publishes without awaiting in several places (sync replies, the first
    // sync step after subscribing); a publish that fails must not become an unhandled rejection.
    const publish = this.pub.publish.bind(this.pub) as (channel: string, message: Buffer) => Promise<number>;
    this.pub.publish = ((channel: string, message: Buffer) =>
      publish(channel, message).catch((error: unknown) => {
        this.noteFailure(error);
        return 0;
      })) as typeof this.pub.publish;
    // Redlock reports every failed attempt as an 'error' event; unheard, that event would throw.
    this.redlock.on("error", (error: unknown) => {
      if (!(error instanceof Error && error.name === "ResourceLockedError")) this.noteFailure(error);
    });
    this.sub.on("ready", () => {
      if (this.readyOnce) {
        getLogger().error("[collab] Redis is back; re-syncing live documents with the other instances");
        this.outageLogged = false;
        this.resync();
        setTimeout(() => this.resync(), SECOND_RESYNC_MS).unref();
      }
      this.readyOnce = true;
    });
  }

  private noteFailure(error: unknown): void {
    if (this.outageLogged) return;
    this.outageLogged = true;
    const why = error instanceof Error ? error.message : String(error);
    getLogger().error(
      `[collab] Redis unavailable (${why}); serving live documents from this instance only until it returns`,
    );
  }

  private redisReady(): boolean {
    return this.pub.status === "ready" && this.sub.status === "ready";
  }

  private channel(documentName: string): string {
    return `${this.configuration.prefix}:${documentName}`;
  }

  private publishRaw(documentName: string, message: Uint8Array): void {
    void this.pub.publish(
      this.channel(documentName),
      Buffer.concat([this.messagePrefix, Buffer.from(message)]),
    );
  }

  /** Subscribes every loaded document again and asks the other instances for what it missed. */
  private resync(): void {
    if (!this.instance || !this.redisReady()) return;
    for (const [documentName, document] of this.instance.documents) {
      this.sub.subscribe(this.channel(documentName)).catch((error: unknown) => this.noteFailure(error));
      this.publishState(documentName, document);
    }
  }

  private publishState(documentName: string, document: Document): void {
    this.publishRaw(
      documentName,
      new OutgoingMessage(documentName).createSyncMessage().writeFirstSyncStepFor(document).toUint8Array(),
    );
    this.publishRaw(documentName, new OutgoingMessage(documentName).writeQueryAwareness().toUint8Array());
  }

  override async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<unknown> {
    // Without Redis, serve the document from this instance now; resync() subscribes it later.
    if (!this.redisReady()) return;
    try {
      return await super.afterLoadDocument(payload);
    } catch (error) {
      this.noteFailure(error);
      return;
    }
  }

  override async onStoreDocument(payload: onStoreDocumentPayload): Promise<void> {
    if (!this.redisReady()) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      // Redis may vanish mid-request: the store never waits long for the lock.
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error("the Redis lock did not answer")), LOCK_WAIT_MS);
      });
      await Promise.race([super.onStoreDocument(payload), timeout]);
    } catch (error) {
      // Message-less: another instance holds the lock and stores this document; let it.
      if (error instanceof Error && error.message === "") throw error;
      this.noteFailure(error);
    } finally {
      clearTimeout(timer);
    }
  }

  override async onChange(data: onChangePayload): Promise<void> {
    if (!this.redisReady()) return;
    try {
      await super.onChange(data);
    } catch (error) {
      this.noteFailure(error);
    }
  }

  override async onAwarenessUpdate(payload: onAwarenessUpdatePayload): Promise<number | undefined> {
    if (!this.redisReady()) return undefined;
    try {
      return await super.onAwarenessUpdate(payload);
    } catch (error) {
      this.noteFailure(error);
      return undefined;
    }
  }

  override async beforeBroadcastStateless(data: beforeBroadcastStatelessPayload): Promise<number> {
    if (!this.redisReady()) return 0;
    try {
      return await super.beforeBroadcastStateless(data);
    } catch (error) {
      this.noteFailure(error);
      return 0;
    }
  }

  override async afterUnloadDocument(data: afterUnloadDocumentPayload): Promise<void> {
    if (!this.redisReady()) return;
    try {
      await super.afterUnloadDocument(data);
    } catch (error) {
      this.noteFailure(error);
    }
  }
}
