"use server";

import { ZodError } from "zod";
import type { RegisterResult } from "@/components/auth/register-form";
import { registerUser } from "@/lib/auth/register-user.ts";
import { AppError } from "@/lib/errors.ts";

/** Creates an account; the form then signs in with the same credentials. */
export async function registerAccount(input: unknown): Promise<RegisterResult> {
  try {
    await registerUser(input);
    return { ok: true };
  } catch (error) {
    if (error instanceof ZodError) {
      const fieldErrors: Partial<Record<"email" | "name" | "password", string>> = {};
      for (const issue of error.issues) {
        const field = issue.path[0];
        if ((field === "email" || field === "name" || field === "password") && !fieldErrors[field]) {
          fieldErrors[field] = issue.message;
        }
      }
      return { ok: false, message: "Please correct the highlighted fields.", fieldErrors };
    }
    if (error instanceof AppError && error.code === "conflict") {
      return {
        ok: false,
        message: error.message,
        fieldErrors: { email: "This email is already registered." },
      };
    }
    console.error("[register] unexpected error", error);
    return { ok: false, message: "Something went wrong on our side. Please try again." };
  }
}
