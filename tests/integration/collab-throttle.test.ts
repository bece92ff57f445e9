import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { closeCollabServer, createCollabServer } from "../../lib/collab/server.ts";
import { attachCollab, COLLAB_PATH } from "../../lib/collab/upgrade.ts";

let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const httpServer = createServer((_req, res) => res.end());
  const hocuspocus = createCollabServer({ accessRecheckIntervalMs: 0 });
  const attached = attachCollab(httpServer, hocuspocus, {
    throttleLimits: { maxConcurrent: 2, maxNewPerWindow: 100, windowMs: 60_000 },
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}${COLLAB_PATH}`;
  close = async () => {
    await closeCollabServer(hocuspocus, 500);
    await attached.close();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  };
});

afterAll(async () => {
  await close();
});

function open(): Promise<{ socket: WebSocket; status: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.once("open", () => resolve({ socket, status: 101 }));
    socket.once("unexpected-response", (_req, res) => resolve({ socket, status: res.statusCode ?? 0 }));
    socket.once("error", () => {});
  });
}

describe("/collab connection throttle", () => {
  it("refuses a third connection from the same address with 429 and admits it again after one closes", async () => {
    const first = await open();
    const second = await open();
    expect([first.status, second.status]).toEqual([101, 101]);
    const third = await open();
    expect(third.status).toBe(429);
    first.socket.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const fourth = await open();
    expect(fourth.status).toBe(101);
    second.socket.close();
    fourth.socket.close();
  });
});
