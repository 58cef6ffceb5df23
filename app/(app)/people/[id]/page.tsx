import type { Metadata } from "next";
import Link from "next/link";
import { PersonDetails } from "@/components/person-details";
import { requireViewer } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { getPerson } from "@/lib/people/queries";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("people.title") };
}

export default async function PersonPage({ params }: Props) {
  const id = idOr404((await params).id);
  const viewer = await requireViewer();
  const person = await orNotFound(getPerson(viewer, id));
  const t = await getT();
  return (
    <div className="space-y-4">
      <Link href={`/units/${person.unit.id}`} className="text-sm text-brand-700 underline">
        ← {person.unit.name}
      </Link>
      <h1 className="text-2xl font-semibold">{person.fullName}</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <PersonDetails person={person} t={t} />
      </div>
    </div>
  );
}
