// The one logger: pino, JSON lines on stdout in production, readable lines in development
// (LOG_FORMAT, LOG_LEVEL). Shared through globalThis by server.ts and the bundled route code.
// Secrets never reach it: credentials in headers, bodies and URLs are redacted here, once.
import pino, { type DestinationStream, type Logger } from "pino";
import { currentRequestId } from "./request-context.ts";

const KEY = Symbol.for("proofmark.logger");
const registry = globalThis as unknown as Record<symbol, Logger | undefined>;

/** Paths pino replaces with "[redacted]" wherever they appear in a log object. */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  "password",
  "*.password",
  "token",
  "*.token",
  "secret",
  "*.secret",
  "*.secretHash",
  "*.tokenHash",
];

const LEVEL_NAMES: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};

/**
 * Turns one pino JSON line into `12:00:01 INFO  message key=value …` for development.
 * @throws nothing (a line that is not JSON is passed through)
 */
export function formatPrettyLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const {
    level,
    time,
    msg,
    pid: _pid,
    hostname: _hostname,
    service: _service,
    err,
    req,
    res,
    responseTime,
    ...rest
  } = entry;
  const clock = typeof time === "number" ? new Date(time).toISOString().slice(11, 19) : "";
  const name = (LEVEL_NAMES[Number(level)] ?? String(level).toUpperCase()).padEnd(5);
  const request = req as { method?: string; url?: string } | undefined;
  const response = res as { statusCode?: number } | undefined;
  if (request?.url) {
    rest.request = `${request.method} ${request.url} → ${response?.statusCode ?? "?"} (${responseTime ?? "?"} ms)`;
  }
  const fields = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  const error =
    err && typeof err === "object" && "stack" in err ? `\n${String((err as { stack: unknown }).stack)}` : "";
  return `${clock} ${name} ${msg ?? ""}${fields ? ` ${fields}` : ""}${error}\n`;
}

/** Options for a logger; by default from LOG_LEVEL, LOG_FORMAT and NODE_ENV. */
export interface LoggerOptions {
  level?: string;
  format?: "json" | "pretty";
  /** Where lines go (default process.stdout, so that tests can capture them). */
  destination?: DestinationStream;
}

/**
 * Creates a logger (use getLogger() for the process's one).
 * @throws Error when `level` is not a pino level
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? "info";
  const format =
    options.format ??
    (process.env.LOG_FORMAT as "json" | "pretty" | undefined) ??
    (process.env.NODE_ENV === "development" ? "pretty" : "json");
  const out: DestinationStream = options.destination ?? {
    write: (line: string) => process.stdout.write(line),
  };
  const destination: DestinationStream =
    format === "pretty" ? { write: (line: string) => out.write(formatPrettyLine(line)) } : out;
  return pino(
    {
      level,
      base: { service: "proofmark" },
      // "level":"info" rather than 30: readable by people and by log pipelines alike.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      // Every line written while a request is served carries its id.
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}

/** The process's logger, created on first use. */
export function getLogger(): Logger {
  registry[KEY] ??= createLogger();
  return registry[KEY];
}
