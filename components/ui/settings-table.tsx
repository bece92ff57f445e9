import type { ReactNode } from "react";

/**
 * A settings list as a table (members, API tokens): its column headers, then `last`, the column
 * of status or actions (none when left out), and its rows.
 */
export function SettingsTable({
  columns,
  last,
  children,
}: {
  columns: string[];
  last?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-gray-200 text-gray-700">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="py-2 pr-4 font-medium">
                {column}
              </th>
            ))}
            {last !== undefined && (
              <th scope="col" className="py-2 font-medium">
                {last}
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-200">{children}</tbody>
      </table>
    </div>
  );
}
