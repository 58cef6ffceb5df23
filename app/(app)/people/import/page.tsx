import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Section } from "@/components/section";
import { noteRefusal } from "@/lib/audit/request";
import { requireViewer } from "@/lib/auth/session";
import { hasAnywhere } from "@/lib/auth/viewer";
import { notFound as notFoundError } from "@/lib/errors";
import { getLocale, getT } from "@/lib/i18n/server";
import { ImportForm } from "./import-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("imports.title") };
}

/** Bulk import of officials; the work happens in the route handlers under /api/imports. */
export default async function ImportPeoplePage() {
  const viewer = await requireViewer();
  if (!hasAnywhere(viewer, "person:import")) {
    await noteRefusal(notFoundError(), { via: "page", viewer });
    notFound();
  }
  const t = await getT();
  const locale = await getLocale();
  return (
    <div className="space-y-6">
      <Link href="/people" className="text-sm text-brand-700 underline">
        ← {t("imports.back")}
      </Link>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("imports.title")}</h1>
        <p className="text-slate-700">{t("imports.intro")}</p>
      </div>
      <Section id="template" title={t("imports.templateHeading")}>
        <p className="mt-2 text-sm text-slate-700">{t("imports.templateHint")}</p>
        <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <a href="/api/imports/template?format=xlsx" download className="text-brand-700 underline">
              {t("imports.templateXlsx")}
            </a>
          </li>
          <li>
            <a href="/api/imports/template?format=csv" download className="text-brand-700 underline">
              {t("imports.templateCsv")}
            </a>
          </li>
        </ul>
      </Section>
      <ImportForm locale={locale} />
    </div>
  );
}
