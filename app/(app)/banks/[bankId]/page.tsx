import type { Metadata } from "next";
import Link from "next/link";
import { BankForm } from "@/components/banks/bank-form";
import { ConfirmAction } from "@/components/confirm-action";
import { Pager } from "@/components/courses/pager";
import { Section } from "@/components/section";
import { requireViewer } from "@/lib/auth/session";
import { formatNumber } from "@/lib/i18n/format";
import type { MessageKey } from "@/lib/i18n/messages";
import { getLocale, getT } from "@/lib/i18n/server";
import { idOr404, orNotFound } from "@/lib/pages";
import { bankDetail, listQuestions, withDescendants } from "@/lib/quizzes/banks/queries";
import { QUESTION_TYPES } from "@/lib/quizzes/question-types";
import { archiveQuestionAction, createCategoryAction, deleteCategoryAction, moveCategoryAction, renameBankAction, renameCategoryAction } from "../actions";

type Props = { params: Promise<{ bankId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("banks.bankTitle") };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** A bank: its category tree, its questions (filtered, paged), and, for its editors, its categories' management. */
export default async function BankPage({ params, searchParams }: Props) {
  const viewer = await requireViewer();
  const t = await getT();
  const locale = await getLocale();
  const bankId = idOr404((await params).bankId);
  const sp = await searchParams;
  const detail = await orNotFound(bankDetail(viewer, bankId));
  const selected = detail.categories.find((c) => c.id === one(sp.category)) ?? null;
  const filter = {
    categoryId: selected?.id,
    includeSubcategories: one(sp.sub) === "1",
    tag: detail.tags.includes(one(sp.tag)) ? one(sp.tag) : undefined,
    q: one(sp.q).slice(0, 200) || undefined,
    archived: one(sp.archived) === "1",
    page: Math.max(1, Math.min(10_000, Number.parseInt(one(sp.page), 10) || 1)),
  };
  const list = await orNotFound(listQuestions(viewer, bankId, filter));
  const pageCount = Math.ceil(list.total / list.pageSize);
  const query = (over: Record<string, string | undefined>) => {
    const u = new URLSearchParams();
    const base = { category: selected?.id, sub: filter.includeSubcategories ? "1" : undefined, tag: filter.tag, q: filter.q, archived: filter.archived ? "1" : undefined };
    for (const [k, v] of Object.entries({ ...base, ...over })) if (v) u.set(k, v);
    const s = u.toString();
    return `/banks/${bankId}${s ? `?${s}` : ""}`;
  };
  const categoryName = new Map(detail.categories.map((c) => [c.id, c.path.join(" / ")]));
  const imported = Number.parseInt(one(sp.imported), 10);
  const targetCategory = selected ?? detail.categories.find((c) => c.depth === 0) ?? null;
  const exportHref = `/api/banks/${bankId}/export.gift${selected ? `?category=${selected.id}` : ""}`;
  const excluded = selected ? new Set(withDescendants(detail.categories, selected.id)) : new Set<string>();

  return (
    <div className="space-y-6">
      <Link href="/banks" className="text-sm text-brand-700 underline">
        ← {t("banks.back")}
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{detail.bank.name}</h1>
        <p className="text-slate-700">
          {detail.bank.courseId ? t("banks.ownerCourseShort", { title: detail.bank.ownerName }) : t("banks.ownerUnit", { name: detail.bank.ownerName })}
        </p>
      </div>
      {Number.isFinite(imported) ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("banks.import.done", { count: imported })}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        {detail.canEdit ? (
          <Link href={`/banks/${bankId}/import`} className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            {t("banks.importLink")}
          </Link>
        ) : null}
        <a href={exportHref} download className="rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50">
          {selected ? t("banks.exportCategory", { name: selected.name }) : t("banks.exportBank")}
        </a>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <Section id="categories" title={t("banks.categories")}>
          <nav aria-label={t("banks.categories")} className="mt-2">
            <ul className="space-y-1 text-sm">
              <li>
                <Link href={query({ category: undefined, page: undefined })} aria-current={selected ? undefined : "page"} className={selected ? "text-brand-700 underline" : "font-semibold"}>
                  {t("banks.allCategories")}
                </Link>
              </li>
              {detail.categories.map((c) => (
                <li key={c.id} style={{ paddingLeft: `${Math.min(c.depth, 8) * 1}rem` }}>
                  <Link
                    href={query({ category: c.id, page: undefined })}
                    aria-current={selected?.id === c.id ? "page" : undefined}
                    className={selected?.id === c.id ? "font-semibold" : "text-brand-700 underline"}
                  >
                    {c.name}
                  </Link>{" "}
                  <span className="text-slate-600">({formatNumber(c.questionCount, locale)})</span>
                </li>
              ))}
            </ul>
          </nav>
        </Section>

        <Section id="questions" title={selected ? t("banks.questionsIn", { name: selected.path.join(" / ") }) : t("banks.questions")}>
          <form method="get" action={`/banks/${bankId}`} className="mt-3 flex flex-wrap items-end gap-3" aria-label={t("banks.filter")}>
            {selected ? <input type="hidden" name="category" value={selected.id} /> : null}
            <div className="space-y-1">
              <label htmlFor="bank-q" className="block text-sm font-semibold">{t("banks.search")}</label>
              <input id="bank-q" name="q" defaultValue={filter.q ?? ""} className="rounded-md border border-slate-400 px-3 py-2" />
            </div>
            {detail.tags.length > 0 ? (
              <div className="space-y-1">
                <label htmlFor="bank-tag" className="block text-sm font-semibold">{t("banks.tag")}</label>
                <select id="bank-tag" name="tag" defaultValue={filter.tag ?? ""} className="rounded-md border border-slate-400 px-3 py-2">
                  <option value="">{t("banks.anyTag")}</option>
                  {detail.tags.map((tag) => (
                    <option key={tag} value={tag}>{tag}</option>
                  ))}
                </select>
              </div>
            ) : null}
            {selected ? (
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="sub" value="1" defaultChecked={filter.includeSubcategories} className="h-4 w-4" />
                {t("banks.includeSubcategories")}
              </label>
            ) : null}
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="archived" value="1" defaultChecked={filter.archived} className="h-4 w-4" />
              {t("banks.showArchived")}
            </label>
            <button type="submit" className="rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-700">{t("banks.applyFilter")}</button>
          </form>

          {detail.canEdit && targetCategory ? (
            <details className="mt-3">
              <summary className="cursor-pointer font-semibold text-brand-700">{t("banks.newQuestion")}</summary>
              <ul className="mt-2 flex flex-wrap gap-2 text-sm">
                {QUESTION_TYPES.map((type) => (
                  <li key={type}>
                    <Link
                      href={`/banks/${bankId}/questions/new?type=${type}&category=${targetCategory.id}`}
                      className="inline-block rounded-md border border-slate-300 px-3 py-1 text-brand-700 hover:bg-slate-50"
                    >
                      {t(`banks.type.${type}` as MessageKey)}
                    </Link>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}

          {list.rows.length === 0 ? (
            <p className="mt-3 text-slate-700">{t("banks.noQuestions")}</p>
          ) : (
            <div className="mt-3 overflow-x-auto">
              <p className="text-sm text-slate-700">{t("banks.questionCount", { count: formatNumber(list.total, locale) })}</p>
              <table className="mt-2 w-full text-left text-sm">
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="py-2 pr-3">{t("banks.colType")}</th>
                    <th scope="col" className="py-2 pr-3">{t("banks.colQuestion")}</th>
                    <th scope="col" className="py-2 pr-3">{t("banks.colVersion")}</th>
                    <th scope="col" className="py-2 pr-3">{t("banks.colTags")}</th>
                    {detail.canEdit ? <th scope="col" className="py-2"><span className="sr-only">{t("banks.colActions")}</span></th> : null}
                  </tr>
                </thead>
                <tbody>
                  {list.rows.map((q) => (
                    <tr key={q.id} className="border-b border-slate-100 align-top" data-testid="question-row">
                      <td className="py-2 pr-3">{t(`banks.type.${q.type}` as MessageKey)}</td>
                      <td className="py-2 pr-3">
                        <Link href={`/banks/${bankId}/questions/${q.id}`} className="text-brand-700 underline">
                          {q.name}
                        </Link>
                        {!selected || filter.includeSubcategories ? <span className="block text-xs text-slate-600">{categoryName.get(q.categoryId)}</span> : null}
                      </td>
                      <td className="py-2 pr-3">{q.version}</td>
                      <td className="py-2 pr-3">{q.tags.join(", ")}</td>
                      {detail.canEdit ? (
                        <td className="py-2">
                          {q.archived ? (
                            <BankForm
                              action={archiveQuestionAction}
                              id={`restore-${q.id.slice(0, 8)}`}
                              heading={t("banks.restoreNamed", { name: q.name })}
                              hidden={{ questionId: q.id, archived: "0" }}
                              fields={[]}
                              submitLabel={t("banks.restore")}
                              pendingLabel={t("form.saving")}
                            />
                          ) : (
                            <ConfirmAction
                              locale={locale}
                              action={archiveQuestionAction}
                              fields={{ questionId: q.id, archived: "1" }}
                              label={t("banks.archive")}
                              buttonLabel={t("banks.archiveNamed", { name: q.name })}
                              question={t("banks.archiveQuestion", { name: q.name })}
                              size="small"
                            />
                          )}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager page={list.page} pageCount={pageCount} href={(page) => query({ page: String(page) })} t={t} />
            </div>
          )}
        </Section>
      </div>

      {detail.canEdit ? (
        <Section id="manage" title={t("banks.manageHeading")}>
          <div className="mt-3 grid gap-6 md:grid-cols-2">
            <div>
              <h3 className="font-semibold">{t("banks.newCategory")}</h3>
              <BankForm
                action={createCategoryAction}
                id="cat-new"
                heading={t("banks.newCategory")}
                hidden={{ bankId }}
                fields={[
                  { kind: "text", name: "name", label: t("banks.categoryName") },
                  {
                    kind: "select",
                    name: "parentId",
                    label: t("banks.parent"),
                    initial: selected?.id ?? "",
                    options: [{ value: "", label: t("banks.rootLevel") }, ...detail.categories.map((c) => ({ value: c.id, label: c.path.join(" / ") }))],
                  },
                ]}
                submitLabel={t("banks.addCategory")}
                pendingLabel={t("form.saving")}
              />
            </div>
            <div>
              <h3 className="font-semibold">{t("banks.renameBank")}</h3>
              <BankForm
                action={renameBankAction}
                id="bank-rename"
                heading={t("banks.renameBank")}
                hidden={{ bankId }}
                fields={[{ kind: "text", name: "name", label: t("banks.name"), initial: detail.bank.name, maxLength: 200 }]}
                submitLabel={t("banks.save")}
                pendingLabel={t("form.saving")}
              />
            </div>
            {selected ? (
              <div className="space-y-4 md:col-span-2">
                <h3 className="font-semibold">{t("banks.thisCategory", { name: selected.path.join(" / ") })}</h3>
                <BankForm
                  action={renameCategoryAction}
                  id="cat-rename"
                  heading={t("banks.renameCategory")}
                  hidden={{ categoryId: selected.id }}
                  fields={[{ kind: "text", name: "name", label: t("banks.categoryName"), initial: selected.name }]}
                  submitLabel={t("banks.renameCategory")}
                  pendingLabel={t("form.saving")}
                  inline
                />
                <BankForm
                  action={moveCategoryAction}
                  id="cat-move"
                  heading={t("banks.moveCategory")}
                  hidden={{ categoryId: selected.id }}
                  fields={[
                    {
                      kind: "select",
                      name: "parentId",
                      label: t("banks.moveUnder"),
                      initial: selected.parentId ?? "",
                      options: [
                        { value: "", label: t("banks.rootLevel") },
                        ...detail.categories.filter((c) => !excluded.has(c.id)).map((c) => ({ value: c.id, label: c.path.join(" / ") })),
                      ],
                    },
                  ]}
                  submitLabel={t("banks.moveCategory")}
                  pendingLabel={t("form.saving")}
                  inline
                />
                <ConfirmAction
                  locale={locale}
                  action={deleteCategoryAction}
                  fields={{ categoryId: selected.id }}
                  label={t("banks.deleteCategory")}
                  question={t("banks.deleteCategoryQuestion", { name: selected.path.join(" / ") })}
                />
              </div>
            ) : (
              <p className="text-sm text-slate-700 md:col-span-2">{t("banks.chooseCategoryHint")}</p>
            )}
          </div>
        </Section>
      ) : null}
    </div>
  );
}
