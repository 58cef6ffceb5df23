import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/lib/auth/session";
import type { Translate } from "@/lib/i18n/messages";
import { formatVnDateTime } from "@/lib/i18n/format";
import { getLocale, getT } from "@/lib/i18n/server";
import { listOutbox, type OutboxRow } from "@/lib/mail/queries";
import { orNotFound } from "@/lib/pages";

type Props = { searchParams: Promise<{ page?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  // Demo-mode mail holds invitation links: keep them out of Referer headers.
  return { title: (await getT())("outbox.title"), referrer: "no-referrer" };
}

export default async function OutboxPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  const raw = (await searchParams).page;
  const requested = Number(Array.isArray(raw) ? raw[0] : raw) || 1;
  const outbox = await orNotFound(listOutbox(viewer, requested));
  const t = await getT();
  const locale = await getLocale();
  const time = (d: Date) => formatVnDateTime(d, locale);

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("outbox.title")}</h1>
      <p className="text-slate-700">{t("outbox.intro")}</p>
      <p className="rounded-md bg-brand-100 px-3 py-2 text-sm text-brand-800">
        {outbox.delivering ? t("outbox.deliveryOn") : t("outbox.demoMode")}
      </p>
      {outbox.rows.length === 0 ? (
        <p>{t("outbox.empty")}</p>
      ) : (
        <ul className="space-y-3" data-testid="outbox">
          {outbox.rows.map((mail) => (
            <li key={mail.id}>
              <article aria-labelledby={`mail-${mail.id}`} className="rounded-lg border border-slate-200 bg-white p-4">
                <h2 id={`mail-${mail.id}`} className="text-lg font-semibold break-words">
                  {mail.subject}
                </h2>
                <dl className="mt-2 grid grid-cols-1 gap-x-4 text-sm sm:grid-cols-[auto_1fr]">
                  <dt className="text-slate-600">{t("outbox.to")}</dt>
                  <dd className="break-all">{mail.to}</dd>
                  <dt className="text-slate-600">{t("outbox.time")}</dt>
                  <dd>
                    <time dateTime={mail.createdAt.toISOString()}>{time(mail.createdAt)}</time>
                  </dd>
                  <dt className="text-slate-600">{t("outbox.status")}</dt>
                  <dd data-testid="mail-status">
                    {statusText(mail, t)}
                    {mail.sentAt ? (
                      <>
                        {" · "}
                        <time dateTime={mail.sentAt.toISOString()}>{time(mail.sentAt)}</time>
                      </>
                    ) : null}
                  </dd>
                  {mail.lastError && !mail.sentAt ? (
                    <>
                      <dt className="text-slate-600">{t("outbox.lastError")}</dt>
                      <dd className="break-words font-mono text-xs">{mail.lastError}</dd>
                    </>
                  ) : null}
                </dl>
                <details className="mt-3" open={outbox.page === 1}>
                  <summary className="cursor-pointer text-sm font-semibold text-brand-700">{t("outbox.text")}</summary>
                  <p className="mt-2 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 text-sm">
                    {mail.parts.map((part, i) =>
                      part.kind === "text" ? (
                        <span key={i}>{part.text}</span>
                      ) : part.kind === "link" ? (
                        <a key={i} href={part.href} rel="noreferrer noopener" className="break-all text-brand-700 underline">
                          {part.href}
                        </a>
                      ) : (
                        <em key={i} className="text-slate-600">
                          {t("outbox.hiddenLink")}
                        </em>
                      ),
                    )}
                  </p>
                </details>
              </article>
            </li>
          ))}
        </ul>
      )}
      {outbox.pages > 1 ? (
        <nav aria-label={t("outbox.pagination")} className="flex items-center justify-between gap-3 text-sm">
          {outbox.page > 1 ? (
            <Link href={`/outbox?page=${outbox.page - 1}`} className="font-semibold text-brand-700 underline">
              ← {t("outbox.prev")}
            </Link>
          ) : (
            <span />
          )}
          <span>{t("outbox.page", { page: outbox.page, pages: outbox.pages })}</span>
          {outbox.page < outbox.pages ? (
            <Link href={`/outbox?page=${outbox.page + 1}`} className="font-semibold text-brand-700 underline">
              {t("outbox.next")} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}

function statusText(mail: OutboxRow, t: Translate): string {
  switch (mail.status) {
    case "sent":
      return t("outbox.status.sent");
    case "held":
      return t("outbox.status.held");
    case "pending":
      return t("outbox.status.pending");
    case "retrying":
      return t("outbox.status.retrying", { attempts: mail.attempts });
    case "failed":
      return t("outbox.status.failed", { attempts: mail.attempts });
  }
}
