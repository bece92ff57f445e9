// What `import "server-only"` loads outside Next's bundler: nothing, as the real package's
// `react-server` export (empty.js) is nothing. Modules that only the server may load (lib/db.ts,
// the job queue, the fetcher, password hashing; docs/ARCHITECTURE.md "Guards") start with that
// import so that `next build` refuses a client component reaching them. Inside Next the specifier
// never gets here: Next maps it itself (empty in server layers, an error in client ones). Outside
// it, in processes Next does not bundle (server.ts and scripts/ and bench/ under tsx, Vitest),
// tsconfig.json `paths` (read by tsx) and vitest.config.ts `resolve.alias` point it at this file,
// so those processes keep Node's default conditions (React's resolution for Next is untouched).
export {};
