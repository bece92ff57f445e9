"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";

/** A secret shown once, in a read-only field with a copy button and a warning that it will not be shown again. */
export function CopySecret({ label, value, note }: { label: string; value: string; note: string }) {
  const id = useId();
  const [status, setStatus] = useState("");
  return (
    <div className="space-y-2 rounded-md border border-green-300 bg-green-50 p-4">
      <label htmlFor={id} className="block text-sm font-medium text-green-950">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full rounded-md border border-gray-400 bg-white px-3 py-2 font-mono text-sm text-gray-900"
          aria-describedby={`${id}-note`}
        />
        <Button
          variant="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setStatus("Copied to the clipboard.");
            } catch {
              setStatus("Could not copy; select the text and copy it by hand.");
            }
          }}
        >
          Copy
        </Button>
      </div>
      <p id={`${id}-note`} className="text-sm text-green-950">
        {note}
      </p>
      <p role="status" className="text-sm text-green-950">
        {status}
      </p>
    </div>
  );
}
