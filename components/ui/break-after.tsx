import { Fragment } from "react";

/**
 * `text` on one line where there is room, else broken only after `at` (a rid after its dashes, a page path
 * after its slashes), never in the middle of a part. The text itself is unchanged for copy and search.
 */
export function BreakAfter({ text, at }: { text: string; at: string }) {
  const parts = text.split(at);
  return parts.map((part, index) => (
    <Fragment key={index}>
      {part}
      {index < parts.length - 1 ? (
        <>
          {at}
          <wbr />
        </>
      ) : null}
    </Fragment>
  ));
}
