import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAction } from "../../lib/actions/run-action.ts";
import { AppError, DATABASE_UNAVAILABLE_MESSAGE } from "../../lib/errors.ts";

describe("runAction: one result type for server actions", () => {
  it("answers the use case's data", async () => {
    await expect(runAction(async () => 42)).resolves.toEqual({ ok: true, data: 42 });
  });

  it("answers an expected error's message, the first invalid field, or 'try again' during an outage", async () => {
    await expect(
      runAction(async () => {
        throw new AppError("forbidden", "Your role in this team does not allow this");
      }),
    ).resolves.toEqual({ ok: false, error: "Your role in this team does not allow this" });
    await expect(
      runAction(async () => z.object({ title: z.string().min(1, "is required") }).parse({ title: "" })),
    ).resolves.toEqual({ ok: false, error: "title: is required" });
    const outage = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    await expect(
      runAction(async () => {
        throw outage;
      }),
    ).resolves.toEqual({ ok: false, error: DATABASE_UNAVAILABLE_MESSAGE });
  });

  it("sends what was typed back with a failure, never with a success", async () => {
    const values = { name: "Desk", slug: "d" };
    await expect(
      runAction(
        async () => {
          throw new AppError("conflict", "That address is taken");
        },
        { values },
      ),
    ).resolves.toEqual({ ok: false, error: "That address is taken", values });
    await expect(runAction(async () => 1, { values })).resolves.toEqual({ ok: true, data: 1 });
  });

  it("lets a form describe its failures by field, or answer every failure (sign-in)", async () => {
    const describe = (error: unknown) =>
      error instanceof TypeError
        ? { error: "Something went wrong on our side." }
        : { error: "Please correct the highlighted fields.", fieldErrors: { email: "Enter an email" } };
    await expect(
      runAction(
        async () => {
          throw new TypeError("x is undefined");
        },
        { describe },
      ),
    ).resolves.toEqual({ ok: false, error: "Something went wrong on our side." });
    await expect(
      runAction(async () => z.object({ email: z.email() }).parse({ email: "x" }), { describe }),
    ).resolves.toEqual({
      ok: false,
      error: "Please correct the highlighted fields.",
      fieldErrors: { email: "Enter an email" },
    });
  });

  it("rethrows anything unexpected (and Next's redirect/notFound signals)", async () => {
    const bug = new TypeError("x is undefined");
    await expect(
      runAction(async () => {
        throw bug;
      }),
    ).rejects.toBe(bug);
  });
});
