// Reads the shape of a PostgreSQL schema (tables, columns, enums, indexes, constraints,
// triggers, functions, sequences) into sorted, comparable lines, and diffs two of them.
// Used by the drift test: the committed migrations must build what schema.prisma describes.
import pg from "pg";

export type Catalog = Record<CatalogSection, string[]>;
export type CatalogSection =
  | "tables"
  | "columns"
  | "enums"
  | "indexes"
  | "constraints"
  | "triggers"
  | "functions"
  | "sequences";

export interface CatalogDifference {
  section: CatalogSection;
  onlyInLeft: string[];
  onlyInRight: string[];
}

const QUERIES: Record<CatalogSection, string> = {
  tables: `SELECT c.relname AS line FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
  columns: `SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
                || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
                || CASE WHEN a.attgenerated <> '' THEN ' GENERATED' ELSE '' END AS line
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
  enums: `SELECT t.typname || ' = ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS line
          FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE n.nspname = 'public' GROUP BY t.typname`,
  indexes: `SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public'`,
  constraints: `SELECT c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) AS line
                FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`,
  triggers: `SELECT pg_get_triggerdef(t.oid) AS line FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal`,
  functions: `SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS line
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'`,
  sequences: `SELECT sequencename || ' ' || data_type::text AS line FROM pg_sequences WHERE schemaname = 'public'`,
};

/** Reads the catalog of the `public` schema of the database at `connectionString`. */
export async function readCatalog(
  connectionString: string,
  options: { ignore?: (section: CatalogSection, line: string) => boolean } = {},
): Promise<Catalog> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const catalog = {} as Catalog;
    for (const section of Object.keys(QUERIES) as CatalogSection[]) {
      const result = await client.query<{ line: string }>(QUERIES[section]);
      catalog[section] = result.rows
        .map((row) => row.line)
        .filter((line) => !options.ignore?.(section, line))
        .sort();
    }
    return catalog;
  } finally {
    await client.end();
  }
}

/** Lists, per section, the lines found in only one of the two catalogs; empty when equal. */
export function diffCatalogs(left: Catalog, right: Catalog): CatalogDifference[] {
  const differences: CatalogDifference[] = [];
  for (const section of Object.keys(QUERIES) as CatalogSection[]) {
    const leftLines = new Set(left[section] ?? []);
    const rightLines = new Set(right[section] ?? []);
    const onlyInLeft = [...leftLines].filter((line) => !rightLines.has(line));
    const onlyInRight = [...rightLines].filter((line) => !leftLines.has(line));
    if (onlyInLeft.length > 0 || onlyInRight.length > 0)
      differences.push({ section, onlyInLeft, onlyInRight });
  }
  return differences;
}
