import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user.ts";
import { getHomePath } from "@/lib/users/get-home-path.ts";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  redirect(await getHomePath({ actor: user }));
}
