import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { buildAuthOptions, signInRequestInfo } from "@/lib/auth/options.ts";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so the Session row records the sign-in's address and browser.
async function handler(req: NextRequest, context: Context): Promise<Response> {
  return NextAuth(req, context, buildAuthOptions(signInRequestInfo(req.headers)));
}

export { handler as GET, handler as POST };
