// Which failures count as "the database cannot be reached" (answered 503, lib/errors.ts). The
// integration test tests/integration/faults-database.test.ts produces the real ones through a cut
// connection; here the same shapes are built with Prisma's and pg's own error classes, plus the
// ones a cut proxy cannot produce (a server shutting down: SQLSTATE 57P01), and failures that must
// stay what they are.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { AppError, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableError } from "../../lib/errors.ts";
import { Prisma } from "../../lib/generated/prisma/client.ts";
import { actionErrorMessage } from "../../lib/teams/action-error-message.ts";

function known(code: string, message: string, meta?: Record<string, unknown>) {
  return new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: "7", meta });
}

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), {
    code,
    errno: -111,
    syscall: "connect",
  });
}

describe("isDatabaseUnavailableError", () => {
  it("recognises Prisma's connection errors", () => {
    expect(isDatabaseUnavailableError(known("P1001", "Can't reach database server at 127.0.0.1:5432"))).toBe(
      true,
    );
    expect(isDatabaseUnavailableError(known("P1017", "Server has closed the connection."))).toBe(true);
    // A raw query cut off mid-way: P2010 carrying the adapter's ConnectionClosed kind.
    const raw = known("P2010", "Raw query failed.", {
      driverAdapterError: { name: "DriverAdapterError", cause: { kind: "ConnectionClosed" } },
    });
    expect(isDatabaseUnavailableError(raw)).toBe(true);
  });

  it("treats a database too busy to start a transaction or hand out a connection as unavailable", () => {
    expect(
      isDatabaseUnavailableError(
        known("P2028", "Transaction API error: Unable to start a transaction in the given time."),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailableError(
        known("P2024", "Timed out fetching a new connection from the connection pool."),
      ),
    ).toBe(true);
    // A transaction that failed for its own reasons stays what it is.
    expect(
      isDatabaseUnavailableError(known("P2034", "Transaction failed due to a write conflict or a deadlock.")),
    ).toBe(false);
  });

  it("recognises pg's socket errors, its lost connections and a server shutting down", () => {
    expect(isDatabaseUnavailableError(socketError("ECONNREFUSED"))).toBe(true);
    expect(isDatabaseUnavailableError(socketError("ECONNRESET"))).toBe(true);
    expect(isDatabaseUnavailableError(new Error("Connection terminated unexpectedly"))).toBe(true);
    const shutdown = new pg.DatabaseError("terminating connection due to administrator command", 0, "error");
    shutdown.code = "57P01";
    expect(isDatabaseUnavailableError(shutdown)).toBe(true);
    // A server with localized messages (lc_messages): recognised by its SQLSTATE alone.
    const localized = new pg.DatabaseError(
      "Verbindung wird abgebrochen aufgrund von Anweisung des Administrators",
      0,
      "error",
    );
    localized.code = "57P01";
    expect(isDatabaseUnavailableError(localized)).toBe(true);
    expect(isDatabaseUnavailableError(new Error("wrapped", { cause: socketError("ECONNREFUSED") }))).toBe(
      true,
    );
  });

  it("leaves other failures alone", () => {
    expect(
      isDatabaseUnavailableError(known("P2002", "Unique constraint failed on the fields: (`slug`)")),
    ).toBe(false);
    expect(isDatabaseUnavailableError(known("P2025", "Record to update not found."))).toBe(false);
    const syntax = new pg.DatabaseError('syntax error at or near "SELEC"', 0, "error");
    syntax.code = "42601";
    expect(isDatabaseUnavailableError(syntax)).toBe(false);
    expect(isDatabaseUnavailableError(new AppError("not_found", "Article not found"))).toBe(false);
    expect(isDatabaseUnavailableError(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailableError(null)).toBe(false);
    expect(isDatabaseUnavailableError("ECONNREFUSED")).toBe(false);
  });

  it("gives forms (server actions) the same message, and still rethrows unexpected errors", () => {
    expect(actionErrorMessage(known("P1001", "Can't reach database server"))).toBe(
      DATABASE_UNAVAILABLE_MESSAGE,
    );
    expect(() => actionErrorMessage(new TypeError("x is undefined"))).toThrow(TypeError);
  });
});
