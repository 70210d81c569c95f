/**
 * Ready-to-paste ways to serve a Mini Program's verification file where WeChat fetches it
 * (REFERENCE §4): an nginx location, a static folder, an object-storage bucket. Pure and
 * browser-safe; the location comes from `verificationFileUrl`.
 */
import { verificationFileUrl } from "./match";

export interface VerificationSnippets {
  /** Where WeChat fetches the file. */
  url: string;
  /** The path part of `url` (what a web server or a bucket key is keyed by). */
  path: string;
  nginx: string;
  /** Where the file goes under a site's document root, by its exact name. */
  staticPath: string;
  /** The object key and the headers the object needs. */
  bucket: { key: string; contentType: string; acl: string };
}

/** nginx string literals: a backslash and a double quote are escaped, nothing else is special. */
function nginxString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function verificationSnippets(
  prefix: string,
  file: { fileName: string; fileContent: string },
): VerificationSnippets | null {
  const url = verificationFileUrl(prefix, file.fileName);
  if (!url) return null;
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, "");
  return {
    url,
    path,
    // An exact-match location answers the bytes itself: no file to copy, no redirect, text/plain.
    nginx: [
      `location = ${path} {`,
      "    default_type text/plain;",
      `    return 200 ${nginxString(file.fileContent)};`,
      "}",
    ].join("\n"),
    staticPath: path.replace(/^\//, ""),
    bucket: { key: path.replace(/^\//, ""), contentType: "text/plain; charset=utf-8", acl: "public-read" },
  };
}
