import type { Metadata } from "next";
import { AuthCard } from "@/components/auth-card";
import { InvalidLink } from "@/components/invalid-link";
import { PasswordForm } from "@/components/password-form";
import { inspectLink } from "@/lib/accounts/queries";
import { getLocale, getT } from "@/lib/i18n/server";
import { acceptInvitationAction } from "./actions";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  // The token is in the address: never send it on as a Referer, never index the page.
  return { title: (await getT())("accounts.invite.title"), referrer: "no-referrer", robots: { index: false } };
}

/** Opening the link changes nothing (mail scanners open links too); the form's submission does. */
export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const locale = await getLocale();
  const t = await getT();
  const account = await inspectLink("INVITE", token);
  if (!account) return <InvalidLink locale={locale} t={t} />;
  return (
    <AuthCard locale={locale} t={t} title={t("accounts.invite.title")}>
      <p className="mb-2 text-sm text-slate-700">{t("accounts.invite.intro", { name: account.fullName })}</p>
      <p className="mb-6 text-sm">
        {t("accounts.account")}: <strong>{account.email}</strong>
      </p>
      <PasswordForm locale={locale} action={acceptInvitationAction} token={token} email={account.email} submitLabel={t("accounts.invite.submit")} />
    </AuthCard>
  );
}
