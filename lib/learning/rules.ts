/**
 * The progress rules as pure functions (docs/decisions/062-learning-progress.md). The database
 * applies the same rules in one `INSERT … ON CONFLICT DO UPDATE` (lib/learning/progress.ts);
 * these are their reference form, used by the player for its own estimate and by the tests.
 *
 * Units: seconds for media, milliseconds for clocks.
 */
export const VIDEO_RULES = {
  /** A video is done when the learner has played this share of it. */
  doneRatio: 0.9,
  /**
   * Media seconds credited per wall-clock second at most. Playing at up to 2× counts in full;
   * faster playback (or a forged client) is credited as if it played at 2×.
   */
  maxRate: 2,
  /** Wall-clock seconds of unused credit carried over from one write to the next (jitter, latency). */
  slackSeconds: 5,
  /** The bounds a file's stated length must lie in to be believed (lib/courses/video-duration.ts). */
  minDurationSeconds: 1,
  maxDurationSeconds: 12 * 3600,
  /** Largest watchedDelta one write may carry (the player writes every ~15 s). */
  maxDeltaSeconds: 3600,
} as const;

/** The seconds a learner must have played to finish a video of `duration` seconds. */
export function doneThreshold(duration: number): number {
  return Math.ceil(duration * VIDEO_RULES.doneRatio);
}

/** Whether `watched` seconds finish a video of `duration` seconds. */
export function isVideoDone(watched: number, duration: number | null): boolean {
  return duration !== null && duration > 0 && watched >= doneThreshold(duration);
}

/**
 * One stored progress row. `clockMs` is `LessonProgress.updatedAt`: for video rows it is the
 * credit clock — the wall-clock instant up to which play time has been credited — which never
 * lags more than `slackSeconds` behind the last write.
 */
export type ProgressState = {
  positionSeconds: number;
  watchedSeconds: number;
  doneAtMs: number | null;
  clockMs: number;
};

export type VideoWrite = { position: number; watchedDelta: number };

/**
 * The play time a write may add: what the client claims (rounded), at most the credit earned
 * since the clock at `maxRate`, and never past the duration. Without a known duration, nothing.
 */
export function creditedSeconds(prev: ProgressState | null, delta: number, duration: number | null, nowMs: number): number {
  if (duration === null) return 0;
  const clockMs = prev ? prev.clockMs : nowMs - VIDEO_RULES.slackSeconds * 1000;
  const available = Math.floor((Math.max(0, nowMs - clockMs) / 1000) * VIDEO_RULES.maxRate);
  const claimed = Math.round(Math.max(0, Math.min(delta, VIDEO_RULES.maxDeltaSeconds)));
  const watched = prev?.watchedSeconds ?? 0;
  return Math.max(0, Math.min(claimed, available, duration - watched));
}

/** The row after a video write at `nowMs` (the database's clock). */
export function applyVideoWrite(prev: ProgressState | null, write: VideoWrite, duration: number | null, nowMs: number): ProgressState {
  const credit = creditedSeconds(prev, write.watchedDelta, duration, nowMs);
  const prevClock = prev ? prev.clockMs : nowMs - VIDEO_RULES.slackSeconds * 1000;
  const watchedSeconds = (prev?.watchedSeconds ?? 0) + credit;
  const maxPosition = duration ?? VIDEO_RULES.maxDurationSeconds;
  return {
    positionSeconds: Math.max(0, Math.min(maxPosition, Math.round(write.position))),
    watchedSeconds,
    doneAtMs: prev?.doneAtMs ?? (isVideoDone(watchedSeconds, duration) ? nowMs : null),
    // Spend the credit used; forget unused credit older than the slack.
    clockMs: Math.max(prevClock + (credit / VIDEO_RULES.maxRate) * 1000, nowMs - VIDEO_RULES.slackSeconds * 1000),
  };
}

/** The row after "I have finished this lesson" (text, file, link): done once, then unchanged. */
export function applyComplete(prev: ProgressState | null, nowMs: number): ProgressState {
  if (prev?.doneAtMs != null) return prev;
  return { positionSeconds: prev?.positionSeconds ?? 0, watchedSeconds: prev?.watchedSeconds ?? 0, doneAtMs: nowMs, clockMs: nowMs };
}

/** Whole percent of a video played, for "Đã xem x %": rounded down, 100 only when all of it. */
export function watchedPercent(watched: number, duration: number | null): number {
  if (!duration || duration <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((watched * 100) / duration)));
}
