"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { Field } from "@/components/field";
import { translator, type Locale } from "@/lib/i18n/messages";

type Errors = { email?: string[]; password?: string[]; form?: string };

/** `next`: where to go once signed in, already checked by the page (safeReturnPath). */
export function LoginForm({ locale, next: back }: { locale: Locale; next: string }) {
  const t = translator(locale);
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  // Signing in needs this script (next-auth's client): until it runs, the button stays disabled, so
  // an early tap on a slow phone never submits the form natively (which would put it in the URL).
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const next: Errors = {};
    if (!email) next.email = [t("login.emailRequired")];
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) next.email = [t("login.emailInvalid")];
    if (!password) next.password = [t("login.passwordRequired")];
    setErrors(next);
    if (next.email || next.password) return;

    setPending(true);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (result?.ok && !result.error) {
        router.replace(back);
        router.refresh();
        return;
      }
      setErrors(errorsFor(result?.error ?? ""));
    } catch {
      setErrors({ form: t("login.failed") });
    }
    setPending(false);
  }

  function waitText(s: number): string {
    return s > 60 ? t("login.locked", { minutes: Math.ceil(s / 60) }) : t("login.wait", { seconds: s });
  }

  function errorsFor(code: string): Errors {
    const [kind, seconds] = code.split(":");
    switch (kind) {
      case "WRONG_CREDENTIALS": {
        // A wait now applies: said with this refusal, so the person knows before trying again.
        const s = Number(seconds) || 0;
        return { password: [t("login.wrongCredentials")], ...(s > 0 ? { form: waitText(s) } : {}) };
      }
      case "INACTIVE":
        return { email: [t("login.inactive")] };
      case "REQUIRED":
        return { email: [t("login.emailInvalid")] };
      case "LOCKED":
        return { form: waitText(Number(seconds) || 60) };
      default:
        return { form: t("login.failed") };
    }
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending}>
      {errors.form ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors.form}
        </p>
      ) : null}
      <Field
        name="email"
        type="email"
        label={t("login.email")}
        autoComplete="username"
        inputMode="email"
        required
        errors={errors.email}
      />
      <Field
        name="password"
        type="password"
        label={t("login.password")}
        autoComplete="current-password"
        required
        errors={errors.password}
      />
      <button
        type="submit"
        disabled={pending || !ready}
        className="w-full rounded-md bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
      >
        {pending ? t("login.submitting") : t("login.submit")}
      </button>
    </form>
  );
}

const noSubscription = () => () => {};
