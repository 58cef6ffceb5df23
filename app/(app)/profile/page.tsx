import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/lib/auth/session";
import { getLocale, getT } from "@/lib/i18n/server";
import { getOwnProfile } from "@/lib/people/queries";
import { ProfileForm } from "./profile-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("profile.title") };
}

export default async function ProfilePage() {
  const viewer = await requireViewer();
  const person = await getOwnProfile(viewer);
  const t = await getT();
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("profile.title")}</h1>
      <p className="text-slate-700">{t("profile.intro")}</p>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <ProfileForm
          locale={await getLocale()}
          profile={{
            fullName: person.fullName,
            email: person.email,
            phone: person.phone,
            position: person.position,
            rank: person.rank,
            category: person.category,
            unitName: person.unit.name,
          }}
        />
      </div>
      <Link href="/change-password" className="inline-block font-semibold text-brand-700 underline">
        {t("accounts.change.link")}
      </Link>
      <Link href="/privacy" className="block font-semibold text-brand-700 underline">
        {t("privacy.linkFromProfile")}
      </Link>
    </div>
  );
}
