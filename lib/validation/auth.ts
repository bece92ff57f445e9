import { z } from "zod";
import { storableString } from "./text.ts";

/** Emails are compared trimmed and lower-cased everywhere (sign-in, registration, rate limits). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, "Email is too long")
  .pipe(z.email("Enter a valid email address"));

export const ZRegisterInput = z.object({
  email: ZEmail,
  name: storableString().trim().min(1, "Enter your name").max(100, "Name must be at most 100 characters"),
  password: z
    .string()
    .min(10, "Password must be at least 10 characters")
    .max(200, "Password must be at most 200 characters"),
});
export type TRegisterInput = z.infer<typeof ZRegisterInput>;

/** Sign-in input: lenient on shape (a bad email is just a failed sign-in), strict on size. */
export const ZPasswordSignInInput = z.object({
  email: z.string().max(320),
  password: z.string().max(200),
});
export type TPasswordSignInInput = z.infer<typeof ZPasswordSignInInput>;
