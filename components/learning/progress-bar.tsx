/**
 * A course or lesson progress bar: `role="progressbar"` with its value for screen readers and the
 * same text visible beside it. Works in server and client components (no hooks).
 */
export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const value = Math.max(0, Math.min(100, Math.round(Number.isFinite(percent) ? percent : 0)));
  return (
    <div className="w-full">
      <div className="mb-1 flex items-baseline justify-between gap-2 text-sm text-slate-800">
        <span>{label}</span>
        <span className="font-semibold tabular-nums" aria-hidden="true">
          {value}%
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={`${value}%`}
        className="h-3 w-full overflow-hidden rounded-full border border-slate-400 bg-slate-100"
      >
        <div
          className={`h-full rounded-full ${value >= 100 ? "bg-green-700" : "bg-blue-700"}`}
          style={{ width: `${value}%` }}
        />
      </div>
    </div>
  );
}
