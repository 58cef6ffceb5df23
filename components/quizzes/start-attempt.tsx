"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { translator, type Locale } from "@/lib/i18n/messages";

/**
 * "Bắt đầu làm bài": POST /api/quizzes/<quizId>/attempts (which returns the attempt already in
 * progress when there is one, so a second tab or a double click makes one attempt), then the player.
 */
export function StartAttemptButton({ locale, courseId, quizId, label }: { locale: Locale; courseId: string; quizId: string; label: string }) {
  const t = translator(locale);
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/quizzes/${quizId}/attempts`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
      const body = (await res.json().catch(() => null)) as { attemptId?: string; error?: { message?: string } } | null;
      if (!res.ok || !body?.attemptId) throw new Error(body?.error?.message ?? t("quizPlayer.startFailed"));
      router.push(`/courses/${courseId}/quizzes/${quizId}/attempts/${body.attemptId}`);
    } catch (e) {
      setError(e instanceof TypeError ? t("quizPlayer.startOffline") : e instanceof Error ? e.message : t("quizPlayer.startFailed"));
      setPending(false);
    }
  }

  return (
    <div className="space-y-2">
      <button
        type="button"
        onClick={() => void start()}
        disabled={pending}
        className="rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
      >
        {pending ? t("quizPlayer.starting") : label}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
