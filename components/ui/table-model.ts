// The rows and columns DataTable draws: the part of a headless table library the product uses (column
// definitions, sorting on the server or in the browser, row selection, paging), small enough for every
// table page's first load. Names and semantics follow TanStack Table 8, which it replaces.
import { type ReactNode, useState } from "react";

export type Updater<T> = T | ((previous: T) => T);
export type OnChangeFn<T> = (updater: Updater<T>) => void;

export type SortingState = { id: string; desc: boolean }[];
/** 0-based page index. */
export type PaginationState = { pageIndex: number; pageSize: number };
/** Selected rows by id. */
export type RowSelectionState = Record<string, boolean>;

export interface Row<TData> {
  id: string;
  /** Position in `data`. */
  index: number;
  original: TData;
  getValue: (columnId: string) => unknown;
  getIsSelected: () => boolean;
  getCanSelect: () => boolean;
  toggleSelected: (value?: boolean) => void;
}

export interface Column<TData> {
  id: string;
  columnDef: ColumnDef<TData>;
  /** Sortable unless `enableSorting: false`, when the column has a value to sort by. */
  getCanSort: () => boolean;
  getIsSorted: () => false | "asc" | "desc";
  /** Sorts by this column alone, descending when `desc`. */
  toggleSorting: (desc: boolean) => void;
}

/** What a header or cell of a selection column asks of the rows shown. */
export interface TableApi<TData> {
  getRowModel: () => { rows: Row<TData>[] };
  getIsAllPageRowsSelected: () => boolean;
  getIsSomePageRowsSelected: () => boolean;
  toggleAllPageRowsSelected: (value: boolean) => void;
}

export interface HeaderContext<TData> {
  column: Column<TData>;
  table: TableApi<TData>;
}

export interface CellContext<TData> {
  row: Row<TData>;
  column: Column<TData>;
  table: TableApi<TData>;
}

export interface ColumnDef<TData> {
  id: string;
  /** The value sorted by: a field of the row… */
  accessorKey?: keyof TData & string;
  /** …or one computed from it. */
  accessorFn?: (row: TData) => unknown;
  /** Text, or a component given the column (a sort button). */
  header?: string | ((context: HeaderContext<TData>) => ReactNode);
  cell: (context: CellContext<TData>) => ReactNode;
  enableSorting?: boolean;
  /** Ascending order of two rows; by default strings compare as text with numbers in them, the rest by `<`. */
  sortingFn?: (a: Row<TData>, b: Row<TData>, columnId: string) => number;
  meta?: { headClassName?: string; cellClassName?: string };
}

export interface TableOptions<TData> {
  data: TData[];
  columns: ColumnDef<TData>[];
  getRowId: (row: TData, index: number) => string;
  /** Controlled when given; otherwise the table keeps it. */
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  /** The server sorts: rows stay in the order given. */
  manualSorting?: boolean;
  rowSelection?: RowSelectionState;
  onRowSelectionChange?: OnChangeFn<RowSelectionState>;
  enableRowSelection?: boolean | ((row: Row<TData>) => boolean);
  pagination?: PaginationState;
  /** The server pages: `data` is already the current page. */
  manualPagination?: boolean;
}

export interface TableModel<TData> {
  columns: Column<TData>[];
  rows: Row<TData>[];
  table: TableApi<TData>;
}

const resolve = <T>(updater: Updater<T>, previous: T): T =>
  typeof updater === "function" ? (updater as (previous: T) => T)(previous) : updater;

/** State given by the caller when it is, kept here otherwise; changes always reported. */
function useControllable<T>(value: T | undefined, onChange: OnChangeFn<T> | undefined, initial: T) {
  const [own, setOwn] = useState(initial);
  const current = value ?? own;
  const set = (updater: Updater<T>) => {
    if (value === undefined) setOwn((previous) => resolve(updater, previous));
    onChange?.(updater);
  };
  return [current, set] as const;
}

const splitDigits = /([0-9]+)/;

/** Case-insensitive, with runs of digits compared as numbers ("rule 9" before "rule 10"). */
function compareAlphanumeric(a: string, b: string): number {
  const left = a.toLowerCase().split(splitDigits).filter(Boolean);
  const right = b.toLowerCase().split(splitDigits).filter(Boolean);
  while (left.length && right.length) {
    const x = left.shift() as string;
    const y = right.shift() as string;
    const xn = Number.parseInt(x, 10);
    const yn = Number.parseInt(y, 10);
    if (Number.isNaN(xn) && Number.isNaN(yn)) {
      if (x !== y) return x > y ? 1 : -1;
    } else if (Number.isNaN(xn) || Number.isNaN(yn)) {
      // Text before numbers.
      return Number.isNaN(xn) ? -1 : 1;
    } else if (xn !== yn) {
      return xn > yn ? 1 : -1;
    }
  }
  return left.length - right.length;
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === "string" && typeof b === "string") return compareAlphanumeric(a, b);
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  return (a as number) > (b as number) ? 1 : -1;
}

/**
 * The columns and the rows to draw for `options`: sorted in the browser unless the server sorts (ties keep
 * the order of `data`), the current page when paged in the browser, with selection through `rowSelection`.
 */
export function useTableModel<TData>(options: TableOptions<TData>): TableModel<TData> {
  const { data, columns: defs, getRowId, manualSorting = false, enableRowSelection = true } = options;
  const [sorting, setSorting] = useControllable(options.sorting, options.onSortingChange, []);
  const [selection, setSelection] = useControllable(options.rowSelection, options.onRowSelectionChange, {});

  const accessors = new Map(
    defs.map((def) => {
      const key = def.accessorKey;
      const read = def.accessorFn ?? (key === undefined ? undefined : (row: TData) => row[key]);
      return [def.id, read] as const;
    }),
  );

  const canSelect = (row: Row<TData>) =>
    typeof enableRowSelection === "function" ? enableRowSelection(row) : enableRowSelection;

  let rows: Row<TData>[] = data.map((original, index) => {
    const id = getRowId(original, index);
    const row: Row<TData> = {
      id,
      index,
      original,
      getValue: (columnId) => accessors.get(columnId)?.(original),
      getIsSelected: () => selection[id] ?? false,
      getCanSelect: () => canSelect(row),
      toggleSelected: (value) =>
        setSelection((previous) => {
          const selected = previous[id] ?? false;
          const wanted = value ?? !selected;
          if (canSelect(row) && selected === wanted) return previous;
          const next = { ...previous };
          if (wanted && canSelect(row)) next[id] = true;
          else delete next[id];
          return next;
        }),
    };
    return row;
  });

  const [sort] = sorting;
  const sortDef = sort ? defs.find((def) => def.id === sort.id) : undefined;
  if (!manualSorting && sort && sortDef && accessors.get(sortDef.id)) {
    const compare = sortDef.sortingFn ?? ((a, b, id) => compareValues(a.getValue(id), b.getValue(id)));
    rows = [...rows].sort((a, b) => {
      const order = compare(a, b, sortDef.id);
      return order === 0 ? a.index - b.index : sort.desc ? -order : order;
    });
  }

  const { pagination, manualPagination = false } = options;
  if (pagination && !manualPagination) {
    const start = pagination.pageIndex * pagination.pageSize;
    rows = rows.slice(start, start + pagination.pageSize);
  }

  const selectable = () => rows.filter((row) => row.getCanSelect());
  const allSelected = () => {
    const candidates = selectable();
    return candidates.length > 0 && candidates.every((row) => selection[row.id]);
  };
  const table: TableApi<TData> = {
    getRowModel: () => ({ rows }),
    getIsAllPageRowsSelected: allSelected,
    getIsSomePageRowsSelected: () => !allSelected() && selectable().some((row) => row.getIsSelected()),
    toggleAllPageRowsSelected: (value) =>
      setSelection((previous) => {
        const next = { ...previous };
        for (const row of rows) {
          if (value && row.getCanSelect()) next[row.id] = true;
          else if (!value) delete next[row.id];
        }
        return next;
      }),
  };

  const columns = defs.map((def): Column<TData> => ({
    id: def.id,
    columnDef: def,
    getCanSort: () => (def.enableSorting ?? true) && accessors.get(def.id) !== undefined,
    getIsSorted: () => {
      const entry = sorting.find((item) => item.id === def.id);
      return entry ? (entry.desc ? "desc" : "asc") : false;
    },
    toggleSorting: (desc) => setSorting([{ id: def.id, desc }]),
  }));

  return { columns, rows, table };
}
