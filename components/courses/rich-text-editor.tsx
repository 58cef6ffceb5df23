"use client";

import { useId, useRef, useState } from "react";
import { FieldErrors } from "@/components/field";
import type { MessageKey, Translate } from "@/lib/i18n/messages";

type Props = { name: string; label: string; initialHtml: string; errors?: string[]; t: Translate };

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

type Command = { id: string; label: MessageKey; text: string; exec: string; value?: string };
const COMMANDS: readonly Command[] = [
  { id: "bold", label: "courses.editor.bold", text: "B", exec: "bold" },
  { id: "italic", label: "courses.editor.italic", text: "I", exec: "italic" },
  { id: "heading", label: "courses.editor.heading", text: "H", exec: "formatBlock", value: "<h3>" },
  { id: "bullets", label: "courses.editor.bullets", text: "•", exec: "insertUnorderedList" },
  { id: "numbers", label: "courses.editor.numbers", text: "1.", exec: "insertOrderedList" },
  { id: "link", label: "courses.editor.link", text: "", exec: "createLink" },
];

/**
 * A light rich-text editor for TEXT lessons: an editable region with a toolbar (bold, italic,
 * heading, lists, link) whose HTML goes to a hidden input. Anyone may switch to a plain textarea
 * of the HTML. What is typed here is not trusted: the server sanitises it (lib/courses/sanitize.ts).
 */
export function RichTextEditor({ name, label, initialHtml, errors, t }: Props) {
  const id = useId();
  const labelId = `${id}-label`;
  const errorId = `${id}-error`;
  const [html, setHtml] = useState(initialHtml);
  const [plain, setPlain] = useState(false);
  // What the editable region starts from: set only when it (re)appears, never while typing,
  // so React does not rewrite the HTML under the caret.
  const [seed, setSeed] = useState(initialHtml);
  const area = useRef<HTMLDivElement>(null);

  const sync = () => setHtml(area.current?.innerHTML ?? "");
  /** Runs one toolbar command on the editable region (an event handler: refs are read here only). */
  function apply(command: Command) {
    const el = area.current;
    if (!el) return;
    el.focus();
    if (command.id === "link") {
      const url = window.prompt(t("courses.editor.linkPrompt"), "https://")?.trim();
      if (!url || !SAFE_LINK.test(url)) return;
      document.execCommand("createLink", false, url);
    } else {
      document.execCommand(command.exec, false, command.value);
    }
    setHtml(el.innerHTML);
  }
  const described = errors?.length ? errorId : undefined;

  return (
    <div className="space-y-1">
      <span id={labelId} className="block text-sm font-semibold text-slate-800">
        {label}
      </span>
      <input type="hidden" name={name} value={html} />
      {plain ? (
        <textarea
          aria-labelledby={labelId}
          aria-describedby={described}
          aria-invalid={errors?.length ? true : undefined}
          value={html}
          onChange={(e) => setHtml(e.target.value)}
          rows={10}
          className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
        />
      ) : (
        <div className="rounded-md border border-slate-400 bg-white">
          <div role="toolbar" aria-label={t("courses.editor.toolbar")} className="flex flex-wrap gap-1 border-b border-slate-300 p-1">
            {COMMANDS.map((b) => (
              <button
                key={b.id}
                type="button"
                aria-label={t(b.label)}
                title={t(b.label)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => apply(b)}
                className="min-h-9 min-w-9 rounded px-2 font-semibold text-slate-900 hover:bg-slate-100"
              >
                {/* The link button shows its name (no icon font needed); the others a letter or sign. */}
                <span aria-hidden="true">{b.text || t(b.label)}</span>
              </button>
            ))}
          </div>
          <div
            ref={area}
            role="textbox"
            aria-multiline="true"
            aria-labelledby={labelId}
            aria-describedby={described}
            aria-invalid={errors?.length ? true : undefined}
            tabIndex={0}
            contentEditable
            suppressContentEditableWarning
            onInput={sync}
            onBlur={sync}
            className="prose-lesson min-h-40 px-3 py-2 text-base text-slate-900 focus:outline-2 focus:outline-brand-700"
            dangerouslySetInnerHTML={{ __html: seed }}
          />
        </div>
      )}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={plain} onChange={(e) => {
            if (!e.target.checked) setSeed(html);
            setPlain(e.target.checked);
          }} className="h-4 w-4" />
        {t("courses.editor.plain")}
      </label>
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}
