import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireViewer } from "@/lib/auth/session";
import { hasAnywhere } from "@/lib/auth/viewer";
import { getLocale, getT } from "@/lib/i18n/server";
import { unitOptions } from "@/lib/people/queries";
import { CreatePersonForm } from "./create-person-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("people.newTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewPersonPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  if (!hasAnywhere(viewer, "person:create")) notFound();
  const t = await getT();
  // New people join open units only (not deactivated, not merged away).
  const units = (await unitOptions(viewer, "person:create")).filter((u) => u.active && !u.merged);
  const wanted = (await searchParams).unitId;
  const defaultUnitId = [wanted, viewer.unitId].find((id) => typeof id === "string" && units.some((u) => u.id === id)) as string | undefined;
  return (
    <div className="max-w-xl space-y-4">
      <Link href="/people" className="text-sm text-brand-700 underline">
        ← {t("people.back")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("people.newTitle")}</h1>
      <p className="text-slate-700">{t("people.newIntro")}</p>
      <CreatePersonForm locale={await getLocale()} units={units.map(({ id, name, depth }) => ({ id, name, depth }))} defaultUnitId={defaultUnitId} />
    </div>
  );
}
