// What the sign-in and registration forms' server actions answer: shared by the actions (app/)
// and the client forms (components/auth/), so no component imports from app/. No server code.

export type RegisterField = "email" | "name" | "password";

/** The registration action's answer when it did not register (success redirects). */
export interface RegisterFormState {
  message: string | null;
  fieldErrors: Partial<Record<RegisterField, string>>;
  /** What was typed, to show again (never the password). */
  values: { name: string; email: string };
}

/** The sign-in action's answer when it did not sign in (success redirects). */
export interface SignInFormState {
  error: string | null;
  /** What was typed as the email, to show again (never the password). */
  email: string;
}

/** A form's server action as `useActionState` takes it. */
export type FormAction<State> = (previous: State, form: FormData) => Promise<State>;
