import Link from "next/link";

import { cn } from "@/lib/utils";

/** The scan simulator's address for `urls` (its first answer comes without a click). */
export function simulatorHref(urls: readonly string[], role?: string): string {
  const params = new URLSearchParams(urls.map((url) => ["url", url]));
  if (role) params.set("role", role);
  return `/simulate?${params.toString()}`;
}

/** A small link beside a URL that opens the scan simulator on it; `label` names what is simulated. */
export function SimulateLink({
  urls,
  label,
  className,
}: {
  urls: readonly string[];
  label: string;
  className?: string;
}) {
  return (
    <Link
      href={simulatorHref(urls)}
      prefetch={false}
      aria-label={label}
      title={label}
      className={cn(
        "inline-flex size-7 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-ring",
        className,
      )}
    >
      <span aria-hidden className="icon-[lucide--scan-line] size-3.5" />
    </Link>
  );
}
