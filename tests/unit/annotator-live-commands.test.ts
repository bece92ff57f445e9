// The page's side of the create command (components/annotator/live-command-channel.ts): what it
// sends, how acks resolve the pending tag, and that an unacknowledged command is never retried.
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { describe, expect, it } from "vitest";
import { createLiveCommandChannel, UNCONFIRMED } from "../../components/annotator/live-command-channel.ts";
import { CREATE_ANNOTATION_COMMAND, ZLiveCommand } from "../../lib/collab/live-commands.ts";

// Only the three provider methods the channel uses: no websocket here.
function fakeProvider() {
  const listeners: Array<(event: { payload: string }) => void> = [];
  const sent: string[] = [];
  const provider = {
    on: (event: string, listener: (event: { payload: string }) => void) => {
      if (event === "stateless") listeners.push(listener);
    },
    sendStateless: (payload: string) => sent.push(payload),
  };
  return {
    provider: provider as unknown as HocuspocusProvider,
    sent,
    receive: (payload: unknown) => {
      for (const listener of listeners) listener({ payload: JSON.stringify(payload) });
    },
  };
}

const input = { label: "fact", start: 0, end: 4, quote: "Some" };

describe("live command channel", () => {
  it("answers null while the connection is not ready (the page then uses the server action)", () => {
    const fake = fakeProvider();
    expect(createLiveCommandChannel(fake.provider, () => false).create(input)).toBeNull();
    expect(fake.sent).toEqual([]);
  });

  it("sends the command envelope and resolves with the annotation of the matching ack", async () => {
    const fake = fakeProvider();
    const pending = createLiveCommandChannel(fake.provider, () => true).create(input)!;
    expect(fake.sent).toHaveLength(1);
    const command = ZLiveCommand.parse(JSON.parse(fake.sent[0]!));
    expect(command).toMatchObject({ type: CREATE_ANNOTATION_COMMAND, input });
    fake.receive({
      type: "ack",
      requestId: crypto.randomUUID(),
      ok: false,
      error: { code: "x", message: "other" },
    });
    fake.receive({ type: "ack", requestId: command.requestId, ok: true, annotation: { id: "a1" } });
    expect(await pending).toEqual({ ok: true, annotation: { id: "a1" } });
  });

  it("resolves a refusal with the server's message", async () => {
    const fake = fakeProvider();
    const pending = createLiveCommandChannel(fake.provider, () => true).create(input)!;
    const { requestId } = JSON.parse(fake.sent[0]!);
    fake.receive({ type: "ack", requestId, ok: false, error: { code: "forbidden", message: "Not allowed" } });
    expect(await pending).toEqual({ ok: false, error: "Not allowed" });
  });

  it("ends a command whose connection goes away as unconfirmed, and sends nothing again", async () => {
    const fake = fakeProvider();
    const channel = createLiveCommandChannel(fake.provider, () => true);
    const pending = channel.create(input)!;
    channel.dropAll();
    expect(await pending).toEqual({ ok: false, error: UNCONFIRMED });
    expect(fake.sent).toHaveLength(1);
  });
});
