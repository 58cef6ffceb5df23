"use client";

import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { idleForm, type FormState } from "@/lib/forms/state";
import { translator, type Locale, type Translate } from "@/lib/i18n/messages";

export type OutlineSection = { id: string; title: string; lessons: { id: string; title: string }[] };
type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/**
 * Reorders a course's sections, and the lessons within each section, by drag and drop, from the
 * keyboard (dnd-kit's KeyboardSensor: Space lifts, arrows move, Space drops; announced in the
 * page's language) or with Up/Down buttons. Every change sends the whole outline; the server
 * refuses a stale one (someone else changed the course), and the page then reloads.
 */
export function OutlineEditor({ locale, courseId, sections, action }: { locale: Locale; courseId: string; sections: OutlineSection[]; action: Action }) {
  const t = translator(locale);
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [layout, setLayout] = useState(sections);
  const [fromServer, setFromServer] = useState(sections);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // The server's outline changed (a refresh after a save or another edit): start from it again.
  if (fromServer !== sections) {
    setFromServer(sections);
    setLayout(sections);
  }

  const save = (next: OutlineSection[]) => {
    setLayout(next);
    const form = new FormData();
    form.set("courseId", courseId);
    form.set("layout", JSON.stringify(next.map((s) => ({ id: s.id, lessonIds: s.lessons.map((l) => l.id) }))));
    startTransition(async () => {
      const result = await action(idleForm, form);
      setMessage({ ok: result.status === "ok", text: result.message ?? "" });
      router.refresh();
    });
  };

  const moveSection = (from: number, to: number) => {
    if (to < 0 || to >= layout.length || from === to) return;
    save(arrayMove(layout, from, to));
  };
  const moveLesson = (sectionIndex: number, from: number, to: number) => {
    const section = layout[sectionIndex];
    if (!section || to < 0 || to >= section.lessons.length || from === to) return;
    save(layout.map((s, i) => (i === sectionIndex ? { ...s, lessons: arrayMove(s.lessons, from, to) } : s)));
  };

  return (
    <div className="mt-3 space-y-3">
      <SortableList
        id="sections"
        t={t}
        items={layout.map((s) => ({ id: s.id, title: s.title }))}
        onMove={moveSection}
        kind="section"
        disabled={pending}
        render={(item, index, handle) => {
          const section = layout[index]!;
          return (
            <div className="rounded-md border border-slate-300 bg-slate-50 p-2">
              <div className="flex flex-wrap items-center gap-2">
                {handle}
                <span className="font-semibold [overflow-wrap:anywhere]">{item.title}</span>
                <MoveButtons t={t} title={item.title} kind="section" index={index} count={layout.length} onMove={(to) => moveSection(index, to)} disabled={pending} />
              </div>
              {section.lessons.length === 0 ? (
                <p className="mt-1 pl-10 text-sm text-slate-600">{t("courses.sectionEmpty")}</p>
              ) : (
                <div className="mt-2 pl-6">
                  <SortableList
                    id={`lessons-${section.id}`}
                    t={t}
                    items={section.lessons}
                    onMove={(from, to) => moveLesson(index, from, to)}
                    kind="lesson"
                    disabled={pending}
                    render={(lesson, li, lessonHandle) => (
                      <div className="flex flex-wrap items-center gap-2 rounded border border-slate-200 bg-white p-1.5">
                        {lessonHandle}
                        <span className="[overflow-wrap:anywhere]">{lesson.title}</span>
                        <MoveButtons t={t} title={lesson.title} kind="lesson" index={li} count={section.lessons.length} onMove={(to) => moveLesson(index, li, to)} disabled={pending} />
                      </div>
                    )}
                  />
                </div>
              )}
            </div>
          );
        }}
      />
      <p role="status" aria-live="polite" className={`text-sm ${message && !message.ok ? "text-red-800" : "text-green-800"}`}>
        {pending ? t("courses.saving") : (message?.text ?? "")}
      </p>
    </div>
  );
}

function MoveButtons({ t, title, kind, index, count, onMove, disabled }: { t: Translate; title: string; kind: "section" | "lesson"; index: number; count: number; onMove: (to: number) => void; disabled: boolean }) {
  const button = "rounded border border-slate-400 bg-white px-2 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-50";
  return (
    <span className="ml-auto flex gap-1">
      <button type="button" className={button} disabled={disabled || index === 0} aria-label={t(kind === "section" ? "courses.moveSectionUp" : "courses.moveLessonUp", { title })} onClick={() => onMove(index - 1)}>
        ↑ <span aria-hidden="true">{t("courses.moveUp")}</span>
      </button>
      <button type="button" className={button} disabled={disabled || index === count - 1} aria-label={t(kind === "section" ? "courses.moveSectionDown" : "courses.moveLessonDown", { title })} onClick={() => onMove(index + 1)}>
        ↓ <span aria-hidden="true">{t("courses.moveDown")}</span>
      </button>
    </span>
  );
}

type Item = { id: string; title: string };

function SortableList({ id, t, items, onMove, kind, render, disabled }: {
  id: string;
  t: Translate;
  items: Item[];
  onMove: (from: number, to: number) => void;
  kind: "section" | "lesson";
  render: (item: Item, index: number, handle: ReactNode) => ReactNode;
  disabled: boolean;
}) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const title = (itemId: string | number) => items.find((i) => i.id === itemId)?.title ?? "";
  const pos = (itemId: string | number | undefined) => items.findIndex((i) => i.id === itemId) + 1;
  const count = items.length;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("courses.dnd.start", { item: title(active.id), pos: pos(active.id), count }),
    onDragOver: ({ active, over }) => (over ? t("courses.dnd.over", { item: title(active.id), pos: pos(over.id), count }) : undefined),
    onDragEnd: ({ active, over }) => (over ? t("courses.dnd.end", { item: title(active.id), pos: pos(over.id), count }) : undefined),
    onDragCancel: ({ active }) => t("courses.dnd.cancel", { item: title(active.id) }),
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onMove(pos(active.id) - 1, pos(over.id) - 1);
  };
  return (
    <DndContext
      id={`dnd-${id}`}
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("courses.dnd.instructions") } }}
    >
      <SortableContext items={items.map((i) => i.id)} strategy={verticalListSortingStrategy} disabled={disabled}>
        <ol className="space-y-2" aria-label={t(kind === "section" ? "courses.sections" : "courses.order")}>
          {items.map((item, index) => (
            <SortableRow key={item.id} item={item} t={t} kind={kind}>
              {(handle) => render(item, index, handle)}
            </SortableRow>
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function SortableRow({ item, t, kind, children }: { item: Item; t: Translate; kind: "section" | "lesson"; children: (handle: ReactNode) => ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: item.id });
  const handle = (
    <button
      type="button"
      ref={setActivatorNodeRef}
      {...attributes}
      {...listeners}
      aria-label={t(kind === "section" ? "courses.dragSection" : "courses.dragLesson", { title: item.title })}
      className="min-h-9 min-w-9 cursor-grab touch-none rounded border border-slate-400 bg-white px-2 text-slate-800 hover:bg-slate-100"
    >
      <span aria-hidden="true">⠿</span>
    </button>
  );
  return (
    <li ref={setNodeRef} style={{ transform: CSS.Translate.toString(transform), transition }} className={isDragging ? "relative z-10 opacity-80" : undefined}>
      {children(handle)}
    </li>
  );
}
