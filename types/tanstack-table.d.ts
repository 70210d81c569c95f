import "@tanstack/react-table";

declare module "@tanstack/react-table" {
  // Column metadata the shared DataTable understands (the type parameters must match TanStack's).
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    headClassName?: string;
    cellClassName?: string;
  }
}
