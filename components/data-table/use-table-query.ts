// A server-paged table's query kept in the URL (nuqs), so a filtered, sorted page can be shared and reloaded.
"use client";

import { usePathname } from "next/navigation";
import {
  type Nullable,
  type ParserMap,
  type ParserWithOptionalDefault,
  type Values,
  createSerializer,
  type inferParserType,
  useQueryStates,
} from "nuqs";
import { useCallback, useMemo } from "react";

import type { OnChangeFn, PaginationState, SortingState } from "@/components/ui/table-model";
import { sortSearchParams } from "@/lib/search-params-order";

type Paging = ParserWithOptionalDefault<number> & { defaultValue: number };

/**
 * The parsers of the URL's query parameters (`lib/<table>/query-params.ts`), a 1-based `page` and a
 * `pageSize` among them, both with a default; `sort` and `dir` ("asc" | "desc") when the server sorts.
 */
export type TableParsers = ParserMap & { page: Paging; pageSize: Paging };

/** A change of the query: a value to set, null to remove the parameter (back to its default). */
export type TablePatch<P extends ParserMap> = Partial<Nullable<Values<P>>>;

const NONE: readonly never[] = [];

function defined<T extends object>(patch: T): T {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as T;
}

/**
 * The table's query and the ways to change it. Any change but paging (and `keepPage`, parameters that do
 * not change what the table lists) starts again from the first page, because the old page number means
 * nothing in a different result set; a change that changes nothing is dropped. History is replaced, not
 * pushed (filters are not pages), and the server is not asked for the page again: only the table's data is.
 */
export function useTableQuery<P extends TableParsers>(
  parsers: P,
  {
    keepPage = NONE,
    filters = NONE,
  }: {
    keepPage?: readonly (keyof P & string)[];
    /** What "Clear filters" removes. */
    filters?: readonly (keyof P & string)[];
  } = {},
) {
  const [values, setValues] = useQueryStates(parsers);
  const pathname = usePathname();

  /** The patch to apply, with the page reset when it should be; null when nothing would change. */
  const effective = useCallback(
    (patch: TablePatch<P>): TablePatch<P> | null => {
      const current = values as Record<string, unknown>;
      const changed = Object.entries(defined(patch))
        .filter(([key, value]) => !Object.is(value ?? parsers[key]?.defaultValue ?? null, current[key]))
        .map(([key]) => key);
      if (changed.length === 0) return null;
      const keepsPage = (key: string) => key === "page" || key === "pageSize" || keepPage.includes(key);
      return changed.every(keepsPage) || patch.page !== undefined
        ? defined(patch)
        : { ...defined(patch), page: null };
    },
    [values, parsers, keepPage],
  );

  const setQuery = useCallback(
    (patch: TablePatch<P>) => {
      const update = effective(patch);
      if (update) void setValues(update);
    },
    [effective, setValues],
  );

  const serialize = useMemo(
    () => createSerializer(parsers, { processUrlSearchParams: sortSearchParams }),
    [parsers],
  );
  /** Where a link applying `patch` leads (e.g. from the overview to the log filtered by an errcode). */
  const hrefFor = useCallback(
    (patch: TablePatch<P>) =>
      pathname + serialize({ ...values, ...effective(patch) } as Partial<Nullable<inferParserType<P>>>),
    [pathname, serialize, values, effective],
  );

  const clearFilters = useCallback(
    () => setQuery(Object.fromEntries(filters.map((key) => [key, null])) as TablePatch<P>),
    [filters, setQuery],
  );

  const { page, pageSize, sort, dir } = values as {
    page: number;
    pageSize: number;
    sort?: unknown;
    dir?: unknown;
  };
  const pagination: PaginationState = useMemo(() => ({ pageIndex: page - 1, pageSize }), [page, pageSize]);
  const onPaginationChange: OnChangeFn<PaginationState> = useCallback(
    (updater) => {
      const next = typeof updater === "function" ? updater(pagination) : updater;
      setQuery({ page: next.pageIndex + 1, pageSize: next.pageSize } as TablePatch<P>);
    },
    [pagination, setQuery],
  );

  const sorting: SortingState = useMemo(
    () => (typeof sort === "string" ? [{ id: sort, desc: dir === "desc" }] : []),
    [sort, dir],
  );
  const onSortingChange: OnChangeFn<SortingState> = useCallback(
    (updater) => {
      const [first] = typeof updater === "function" ? updater(sorting) : updater;
      setQuery(
        (first
          ? { sort: first.id, dir: first.desc ? "desc" : "asc" }
          : { sort: null, dir: null }) as TablePatch<P>,
      );
    },
    [sorting, setQuery],
  );

  return {
    values,
    setQuery,
    hrefFor,
    clearFilters,
    pagination,
    onPaginationChange,
    sorting,
    onSortingChange,
  };
}

export type TableQuery<P extends TableParsers> = ReturnType<typeof useTableQuery<P>>;
