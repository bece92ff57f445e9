import type { InputHTMLAttributes } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NEW_RATING_ROWS } from "@/lib/validation/verdicts";
import type { RatingJson } from "@/lib/verdicts/rating-scale";
import { RatingBadge } from "./verdict-badge";

const INPUT = "block w-full rounded-md border border-gray-400 bg-white px-2 py-1.5 text-sm text-gray-900";

/** One labelled input of a rating's row. */
function ScaleInput({ label, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string }) {
  return (
    <label className="text-xs text-gray-800">
      {label}
      <input className={INPUT} {...props} />
    </label>
  );
}

/**
 * The team's rating scale: a read-only list for members, and for admins a plain HTML form
 * (works before and without JavaScript) with one row per rating (order, label, value, colour,
 * remove) and blank rows for new ones.
 */
export function RatingScaleEditor({
  items,
  editable,
  action,
}: {
  items: RatingJson[];
  editable: boolean;
  action?: (form: FormData) => Promise<void>;
}) {
  if (!editable || !action) {
    return (
      <Card title="Rating scale">
        <ol className="space-y-2">
          {items.map((item) => (
            <li key={item.id} className="flex items-center gap-3 text-sm">
              <RatingBadge rating={item} />
              <span className="text-gray-700">
                {item.value === null ? "no value" : `value ${item.value}`}
              </span>
            </li>
          ))}
        </ol>
      </Card>
    );
  }
  const rows: Array<RatingJson | null> = [...items, ...Array.from({ length: NEW_RATING_ROWS }, () => null)];
  return (
    <Card title="Rating scale">
      <form action={action} className="space-y-4" data-testid="rating-scale-form">
        <input type="hidden" name="rows" value={rows.length} />
        <p className="text-sm text-gray-700">
          Order sets where a rating appears. The value feeds ClaimReview&apos;s rating (highest is best);
          leave it empty for ratings off the scale such as &ldquo;Unverifiable&rdquo;. A rating that verdicts
          use cannot be removed.
        </p>
        <div className="space-y-3">
          {rows.map((item, row) => {
            const legend = item ? `Rating ${row + 1}: ${item.label}` : `New rating ${row - items.length + 1}`;
            return (
              <fieldset
                key={item?.id ?? `new-${row}`}
                className="grid grid-cols-2 gap-2 rounded-md border border-gray-200 p-3 sm:grid-cols-[4rem_1fr_5rem_5rem_auto] sm:items-end"
              >
                <legend className="px-1 text-sm font-medium text-gray-900">{legend}</legend>
                {item && <input type="hidden" name={`id.${row}`} value={item.id} />}
                <ScaleInput
                  label="Order"
                  type="number"
                  name={`order.${row}`}
                  defaultValue={row + 1}
                  min={1}
                  max={50}
                />
                <ScaleInput
                  label="Label"
                  name={`label.${row}`}
                  defaultValue={item?.label ?? ""}
                  maxLength={40}
                  required={item !== null}
                />
                <ScaleInput
                  label="Value"
                  type="number"
                  name={`value.${row}`}
                  defaultValue={item?.value ?? ""}
                  step={1}
                />
                <label className="text-xs text-gray-800">
                  Colour
                  <input
                    className="block h-9 w-full rounded-md border border-gray-400 bg-white"
                    type="color"
                    name={`colour.${row}`}
                    defaultValue={item?.colour ?? "#6b7280"}
                  />
                </label>
                {item ? (
                  <label className="flex items-center gap-1.5 text-xs text-gray-800">
                    <input type="checkbox" name={`remove.${row}`} />
                    Remove
                  </label>
                ) : (
                  <span />
                )}
              </fieldset>
            );
          })}
        </div>
        <Button type="submit">Save the rating scale</Button>
      </form>
    </Card>
  );
}
