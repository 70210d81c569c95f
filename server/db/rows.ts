import "server-only";

/** The rows of a `db.execute(sql…)` result, which both drivers return as `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
