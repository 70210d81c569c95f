import type { ReactNode } from "react";

import { cn } from "@/lib/utils";

export interface FieldItem {
  label: string;
  value: ReactNode;
  /** Stable hook for tests and styling, e.g. "rid". */
  name?: string;
}

/** Label–value pairs as a description list; pairs without a value are left out. */
export function FieldList({ items, className }: { items: (FieldItem | null | false)[]; className?: string }) {
  const shown = items.filter((item): item is FieldItem => Boolean(item));
  return (
    <dl
      className={cn(
        "grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[minmax(8rem,max-content)_1fr] sm:gap-y-2",
        className,
      )}
    >
      {shown.map((item) => (
        <div key={item.label} className="contents" data-field={item.name}>
          <dt className="text-muted-foreground">{item.label}</dt>
          <dd className="mb-2 min-w-0 [overflow-wrap:anywhere] sm:mb-0">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
