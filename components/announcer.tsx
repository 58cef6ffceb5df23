"use client";

import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";

type Announce = (message: string) => void;
const AnnounceContext = createContext<Announce>(() => {});

/**
 * What an action did, said after the thing it acted on is gone (a deleted session takes its own
 * form and that form's message with it): one polite live region for the signed-in pages, kept by
 * the layout across the refresh that follows the action, cleared when the page changes.
 */
export function AnnouncerProvider({ closeLabel, children }: { closeLabel: string; children: ReactNode }) {
  const [message, setMessage] = useState<string | null>(null);
  const pathname = usePathname();
  const [shownOn, setShownOn] = useState(pathname);
  if (shownOn !== pathname) {
    setShownOn(pathname);
    setMessage(null);
  }
  const announce = useCallback<Announce>((text) => setMessage(text), []);
  useEffect(() => {
    if (!message) return;
    const close = (e: KeyboardEvent) => e.key === "Escape" && setMessage(null);
    window.addEventListener("keydown", close);
    return () => window.removeEventListener("keydown", close);
  }, [message]);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      {message ? (
        // Mounted with its message (an empty live region would be one more "status" on every page).
        <div role="status" data-testid="announcer" className="pointer-events-none fixed inset-x-3 bottom-3 z-20 flex justify-center sm:justify-end">
          <p className="pointer-events-auto flex max-w-md items-start gap-3 rounded-md bg-green-50 px-4 py-3 text-green-900 shadow-lg ring-1 ring-green-700">
            <span className="[overflow-wrap:anywhere]">{message}</span>
            <button type="button" onClick={() => setMessage(null)} className="shrink-0 rounded px-2 font-semibold underline">
              {closeLabel}
            </button>
          </p>
        </div>
      ) : null}
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}
