"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { translator, type Locale } from "@/lib/i18n/messages";
import { formatClock } from "@/lib/learning/format";
import { applyVideoWrite, isVideoDone, watchedPercent, type ProgressState } from "@/lib/learning/rules";

type Props = {
  locale: Locale;
  courseId: string;
  lessonId: string;
  src: string;
  /** False for a staff preview: the player plays, nothing is sent. */
  records: boolean;
  /** The saved row: where to resume, how much was played, whether the lesson is done. */
  position: number;
  watched: number;
  done: boolean;
  /** The file's length, read at upload (StoredFile.durationSeconds); null when the file does not state it. */
  duration: number | null;
  /** Seconds between writes while playing. */
  everySeconds?: number;
};

/**
 * The lesson's video with progress (docs/decisions/062-learning-progress.md): resumes at the
 * saved position; counts media time actually played (timeupdate deltas while playing, seeks
 * ignored); writes every ~15 s while playing, on pause and end (fetch), and on page hide
 * (sendBeacon). The server caps what it credits; the "Đã xem x %" shown here mirrors that rule.
 */
export function VideoPlayer({ locale, courseId, lessonId, src, records, position, watched, done, duration, everySeconds = 15 }: Props) {
  const t = translator(locale);
  const router = useRouter();
  const video = useRef<HTMLVideoElement>(null);
  const [knownDuration, setKnownDuration] = useState<number | null>(duration);
  const [estimate, setEstimate] = useState(watched);
  const [resumedAt, setResumedAt] = useState<number | null>(null);
  const [saveFailed, setSaveFailed] = useState(false);
  // Mutable tracking state, not rendered.
  const track = useRef({
    /** Media seconds played and not yet sent. */
    pending: 0,
    /** currentTime at the last accounting; null right after a seek. */
    lastTime: null as number | null,
    lastSentPosition: -1,
    /** The client's mirror of the server row, for the percentage shown. */
    mirror: (watched > 0 || position > 0 ? { positionSeconds: position, watchedSeconds: watched, doneAtMs: done ? 0 : null, clockMs: 0 } : null) as ProgressState | null,
    refreshed: done,
    /** The metadata was handled (resume position set) once. */
    metadataSeen: false,
    /** Where this device's last unacknowledged write left the learner (it is being sent again). */
    unacknowledgedAt: null as number | null,
  });

  /** Adds the media time played since the last call, unless the player jumped (a seek). */
  const account = useCallback(() => {
    const v = video.current;
    if (!v) return;
    const s = track.current;
    if (s.lastTime !== null && !v.seeking) {
      const delta = v.currentTime - s.lastTime;
      // timeupdate fires every ~250 ms (up to ~1 s in a background tab); anything larger is a jump.
      if (delta > 0 && delta <= Math.max(1, v.playbackRate) * 3) s.pending += delta;
    }
    s.lastTime = v.seeking ? null : v.currentTime;
  }, []);

  const send = useCallback(
    (how: "fetch" | "beacon", force = false) => {
      const v = video.current;
      if (!records || !v) return;
      account();
      const s = track.current;
      const delta = Math.floor(s.pending);
      const at = Math.round(v.currentTime);
      if (!force && delta === 0 && at === s.lastSentPosition) return;
      s.pending -= delta;
      s.lastSentPosition = at;
      const body = JSON.stringify({ event: "video", lessonId, courseId, position: v.currentTime, watchedDelta: delta });
      // The server credits play time against the file's own length only: so does this estimate.
      const dur = duration;
      const applied = () => {
        s.mirror = applyVideoWrite(s.mirror, { position: v.currentTime, watchedDelta: delta }, dur, Date.now());
        setEstimate((e) => Math.max(e, s.mirror!.watchedSeconds));
        if (!s.refreshed && isVideoDone(s.mirror.watchedSeconds, dur)) {
          // The server has (very probably) marked it done: fetch the page again for the lesson's and the course's state.
          s.refreshed = true;
          router.refresh();
        }
      };
      // Kept on the device until the server acknowledges it, and sent again on the next visit.
      outbox.keep(lessonId, body);
      if (how === "beacon" && typeof navigator.sendBeacon === "function" && navigator.sendBeacon("/api/progress", body)) {
        applied();
        return;
      }
      fetch("/api/progress", { method: "POST", headers: { "Content-Type": "application/json" }, body, keepalive: true })
        .then((res) => {
          if (res.ok) {
            outbox.acknowledged(lessonId, body);
            setSaveFailed(false);
            applied();
          } else {
            // 4xx will not get better by retrying; a 5xx keeps the played time for the next write.
            if (res.status >= 500) s.pending += delta;
            setSaveFailed(true);
          }
        })
        .catch(() => {
          s.pending += delta;
          setSaveFailed(true);
        });
    },
    [account, courseId, duration, lessonId, records, router],
  );

  // A write this device made and the server never acknowledged (the tab closed, the link dropped):
  // send it again now. The server's credit clock keeps a repeated write from crediting twice.
  useEffect(() => {
    if (!records) return;
    const body = outbox.pending(lessonId);
    if (!body) return;
    track.current.unacknowledgedAt = outbox.position(lessonId);
    fetch("/api/progress", { method: "POST", headers: { "Content-Type": "application/json" }, body })
      .then((res) => {
        if (res.ok || (res.status >= 400 && res.status < 500)) outbox.acknowledged(lessonId, body);
      })
      .catch(() => undefined);
  }, [lessonId, records]);

  // Writes while playing, and on leaving the page.
  useEffect(() => {
    if (!records) return;
    const timer = window.setInterval(() => {
      const v = video.current;
      if (v && !v.paused && !v.ended) send("fetch");
    }, everySeconds * 1000);
    const onHide = () => {
      if (document.visibilityState === "hidden") send("beacon");
    };
    const onPageHide = () => send("beacon");
    document.addEventListener("visibilitychange", onHide);
    window.addEventListener("pagehide", onPageHide);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onHide);
      window.removeEventListener("pagehide", onPageHide);
    };
  }, [everySeconds, records, send]);

  const onLoadedMetadata = useCallback(() => {
    const v = video.current;
    if (!v || track.current.metadataSeen) return;
    track.current.metadataSeen = true;
    if (knownDuration === null && Number.isFinite(v.duration) && v.duration > 0) setKnownDuration(Math.round(v.duration));
    const resumeAt = track.current.unacknowledgedAt ?? outbox.position(lessonId) ?? position;
    if (resumeAt > 0 && Number.isFinite(v.duration) && resumeAt < v.duration - 1) {
      v.currentTime = resumeAt;
      setResumedAt(resumeAt);
    }
    track.current.lastTime = v.currentTime;
  }, [knownDuration, lessonId, position]);

  // On a slow phone the browser may read the metadata before React has hydrated the page and
  // attached onLoadedMetadata: the event is then gone, so look at the element once mounted.
  useEffect(() => {
    if ((video.current?.readyState ?? 0) >= 1) onLoadedMetadata();
  }, [onLoadedMetadata]);

  const shownDuration = knownDuration;
  const percent = watchedPercent(Math.max(estimate, watched), shownDuration);

  return (
    <div className="space-y-2">
      <video
        ref={video}
        src={src}
        controls
        preload="metadata"
        playsInline
        className="aspect-video w-full rounded-md bg-black"
        aria-describedby={`video-${lessonId}-status`}
        data-testid="lesson-video"
        onLoadedMetadata={onLoadedMetadata}
        onPlay={() => {
          const v = video.current;
          track.current.lastTime = v ? v.currentTime : null;
          // Starts the server's credit clock at the moment play starts.
          send("fetch", true);
        }}
        onTimeUpdate={() => {
          if (video.current && !video.current.paused) account();
        }}
        onSeeking={() => {
          account();
          track.current.lastTime = null;
        }}
        onSeeked={() => {
          if (video.current) track.current.lastTime = video.current.currentTime;
        }}
        onPause={() => send("fetch")}
        onEnded={() => send("fetch")}
      >
        <p>
          {t("learning.video.unsupported")}{" "}
          <a href={src} download className="text-brand-700 underline">
            {t("learning.video.download")}
          </a>
        </p>
      </video>
      <div id={`video-${lessonId}-status`} className="space-y-1 text-sm text-slate-800">
        {records ? (
          <p data-testid="video-watched" className="font-semibold">
            {t("learning.video.watched", { percent })}
          </p>
        ) : null}
        {resumedAt !== null ? <p>{t("learning.video.resumed", { time: formatClock(resumedAt) })}</p> : null}
        {records && !done ? <p>{t("learning.video.doneHint")}</p> : null}
        {saveFailed ? (
          <p role="status" className="text-amber-900">
            {t("learning.video.saveFailed")}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The last progress write of each lesson that the server has not acknowledged yet, in
 * localStorage (a beacon is never acknowledged; a fetch is, by its 204). Unavailable storage
 * (private mode, quota) only loses this safety net, never the write itself.
 */
const outbox = {
  key: (lessonId: string) => `taphuan.progress.${lessonId}`,
  keep(lessonId: string, body: string) {
    try {
      localStorage.setItem(outbox.key(lessonId), body);
    } catch {
      /* storage unavailable */
    }
  },
  pending(lessonId: string): string | null {
    try {
      return localStorage.getItem(outbox.key(lessonId));
    } catch {
      return null;
    }
  },
  acknowledged(lessonId: string, body: string) {
    try {
      if (localStorage.getItem(outbox.key(lessonId)) === body) localStorage.removeItem(outbox.key(lessonId));
    } catch {
      /* storage unavailable */
    }
  },
  /** Where the unacknowledged write left the learner, if there is one. */
  position(lessonId: string): number | null {
    const body = outbox.pending(lessonId);
    if (!body) return null;
    try {
      const parsed = JSON.parse(body) as { position?: unknown };
      return typeof parsed.position === "number" && Number.isFinite(parsed.position) ? Math.round(parsed.position) : null;
    } catch {
      return null;
    }
  },
};
