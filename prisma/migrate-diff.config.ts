// Configuration for Prisma 6's CLI (installed as the `prisma6` alias), used only to
// generate migration SQL offline through its WebAssembly schema engine. See docs/DATABASE.md.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma6/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  adapter: async () => {
    // A short idle timeout lets the CLI exit as soon as the diff is printed (pg's default
    // keeps the process alive for 10 s).
    const adapter = new PrismaPg({
      connectionString: process.env.DATABASE_URL ?? "postgresql://localhost/none",
      idleTimeoutMillis: 50,
    });
    // biome-ignore lint/suspicious/noExplicitAny: Prisma 6's adapter type differs from Prisma 7's; only the offline diff uses it.
    return adapter as any;
  },
});
