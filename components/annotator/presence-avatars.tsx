"use client";

import type { HocuspocusProvider } from "@hocuspocus/provider";
import { useEffect, useState } from "react";

interface PresentUser {
  id: string;
  name: string;
  color: string;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]![0]}${parts.at(-1)![0]}` : (parts[0]?.slice(0, 2) ?? "?");
  return letters.toUpperCase();
}

function readPresent(provider: HocuspocusProvider): PresentUser[] {
  const awareness = provider.awareness;
  if (!awareness) return [];
  const byId = new Map<string, PresentUser>();
  for (const state of awareness.getStates().values()) {
    const user = (state as { user?: Partial<PresentUser> }).user;
    if (!user || typeof user.id !== "string" || typeof user.name !== "string") continue;
    // The same person in two tabs is one avatar.
    byId.set(user.id, {
      id: user.id,
      name: user.name.slice(0, 80),
      color: typeof user.color === "string" && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : "#4b5563",
    });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Who has the article open, from the body document's awareness (live). */
export function PresenceAvatars({
  provider,
  selfId,
}: {
  provider: HocuspocusProvider | null;
  selfId: string;
}) {
  const [present, setPresent] = useState<PresentUser[]>([]);
  useEffect(() => {
    const awareness = provider?.awareness;
    if (!provider || !awareness) return;
    const update = () => setPresent(readPresent(provider));
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [provider]);
  if (present.length === 0) return null;
  const names = present.map((user) => (user.id === selfId ? `${user.name} (you)` : user.name));
  return (
    <div className="flex items-center gap-2">
      <span className="sr-only">Here now: {names.join(", ")}</span>
      <ul className="flex -space-x-1.5" aria-hidden="true" data-testid="presence">
        {present.map((user) => (
          <li
            key={user.id}
            title={user.id === selfId ? `${user.name} (you)` : user.name}
            data-user-name={user.name}
            className="flex h-7 w-7 items-center justify-center rounded-full border-2 border-white text-[0.65rem] font-semibold text-white"
            style={{ backgroundColor: user.color }}
          >
            {initials(user.name)}
          </li>
        ))}
      </ul>
    </div>
  );
}
