import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import {
  type ColumnDef,
  type RowSelectionState,
  type TableModel,
  type TableOptions,
  type Updater,
  useTableModel,
} from "@/components/ui/table-model";

interface Person {
  id: string;
  name: string;
  role: "admin" | "operator" | "viewer";
  disabled: boolean;
}

const people: Person[] = [
  { id: "1", name: "rule 10", role: "viewer", disabled: false },
  { id: "2", name: "Rule 9", role: "admin", disabled: true },
  { id: "3", name: "alpha", role: "operator", disabled: false },
  { id: "4", name: "rule 9", role: "viewer", disabled: false },
];

const RANK = { admin: 0, operator: 1, viewer: 2 };

const columns: ColumnDef<Person>[] = [
  { id: "name", accessorKey: "name", cell: ({ row }) => row.original.name },
  {
    id: "role",
    accessorKey: "role",
    sortingFn: (a, b) => RANK[a.original.role] - RANK[b.original.role],
    cell: ({ row }) => row.original.role,
  },
  { id: "state", accessorFn: (person) => (person.disabled ? 1 : 0), cell: () => null },
  { id: "actions", cell: () => null },
  { id: "unsortable", accessorKey: "name", enableSorting: false, cell: () => null },
];

/** The model the hook returns on one render with these options. */
function model(options: Partial<TableOptions<Person>> = {}): TableModel<Person> {
  let result: TableModel<Person> | undefined;
  function Probe() {
    result = useTableModel({ data: people, columns, getRowId: (person) => person.id, ...options });
    return null;
  }
  renderToStaticMarkup(createElement(Probe));
  if (!result) throw new Error("not rendered");
  return result;
}

const ids = (table: TableModel<Person>) => table.rows.map((row) => row.id);

function apply<T>(updater: Updater<T> | undefined, previous: T): T {
  return typeof updater === "function" ? (updater as (previous: T) => T)(previous) : (updater as T);
}

describe("the table model", () => {
  it("keeps the order of the data until asked to sort", () => {
    expect(ids(model())).toEqual(["1", "2", "3", "4"]);
  });

  it("sorts text case-insensitively, numbers in it as numbers, ties in the order of the data", () => {
    expect(ids(model({ sorting: [{ id: "name", desc: false }] }))).toEqual(["3", "2", "4", "1"]);
    expect(ids(model({ sorting: [{ id: "name", desc: true }] }))).toEqual(["1", "2", "4", "3"]);
  });

  it("sorts by a column's own order, or by a computed value", () => {
    expect(ids(model({ sorting: [{ id: "role", desc: false }] }))).toEqual(["2", "3", "1", "4"]);
    expect(ids(model({ sorting: [{ id: "state", desc: true }] }))).toEqual(["2", "1", "3", "4"]);
  });

  it("leaves the order to the server when it sorts", () => {
    expect(ids(model({ sorting: [{ id: "name", desc: false }], manualSorting: true }))).toEqual([
      "1",
      "2",
      "3",
      "4",
    ]);
  });

  it("pages in the browser unless the server pages", () => {
    expect(ids(model({ pagination: { pageIndex: 1, pageSize: 3 } }))).toEqual(["4"]);
    expect(ids(model({ pagination: { pageIndex: 1, pageSize: 3 }, manualPagination: true }))).toHaveLength(4);
  });

  it("tells which columns sort and how they are sorted; a header asks for one column's order", () => {
    let asked: Updater<{ id: string; desc: boolean }[]> | undefined;
    const table = model({ sorting: [{ id: "role", desc: true }], onSortingChange: (next) => (asked = next) });
    const byId = new Map(table.columns.map((column) => [column.id, column]));
    expect(table.columns.map((column) => column.getCanSort())).toEqual([true, true, true, false, false]);
    expect(byId.get("role")?.getIsSorted()).toBe("desc");
    expect(byId.get("name")?.getIsSorted()).toBe(false);
    byId.get("name")?.toggleSorting(false);
    expect(apply(asked, [{ id: "role", desc: true }])).toEqual([{ id: "name", desc: false }]);
  });

  it("selects rows one at a time or the whole page, never a row that may not be selected", () => {
    let asked: Updater<RowSelectionState> | undefined;
    const onRowSelectionChange = (next: Updater<RowSelectionState>) => (asked = next);
    const enableRowSelection = (row: { original: Person }) => !row.original.disabled;

    const none = model({ rowSelection: {}, onRowSelectionChange, enableRowSelection });
    expect(none.table.getIsAllPageRowsSelected()).toBe(false);
    expect(none.table.getIsSomePageRowsSelected()).toBe(false);
    none.table.toggleAllPageRowsSelected(true);
    expect(apply(asked, {})).toEqual({ "1": true, "3": true, "4": true });
    none.rows[1]?.toggleSelected(true);
    expect(apply(asked, {})).toEqual({});
    none.rows[0]?.toggleSelected();
    expect(apply(asked, { "3": true })).toEqual({ "1": true, "3": true });

    const some = model({ rowSelection: { "1": true }, onRowSelectionChange, enableRowSelection });
    expect(some.rows.map((row) => row.getIsSelected())).toEqual([true, false, false, false]);
    expect(some.table.getIsSomePageRowsSelected()).toBe(true);
    some.rows[0]?.toggleSelected(false);
    expect(apply(asked, { "1": true, "9": true })).toEqual({ "9": true });

    const all = model({
      rowSelection: { "1": true, "3": true, "4": true },
      onRowSelectionChange,
      enableRowSelection,
    });
    expect(all.table.getIsAllPageRowsSelected()).toBe(true);
    expect(all.table.getIsSomePageRowsSelected()).toBe(false);
    all.table.toggleAllPageRowsSelected(false);
    expect(apply(asked, { "1": true, "3": true, "4": true, "9": true })).toEqual({ "9": true });
  });
});
