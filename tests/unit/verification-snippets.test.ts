import { describe, expect, it } from "vitest";

import { verificationSnippets } from "@/lib/wechat/verification-snippets";

const file = { fileName: "AbC123.txt", fileContent: "9f86d081884c7d65" };

describe("verification file snippets", () => {
  it("serves the file from the prefix's own directory when it ends with /", () => {
    expect(verificationSnippets("https://shop.example.com/qr/", file)).toEqual({
      url: "https://shop.example.com/qr/AbC123.txt",
      path: "/qr/AbC123.txt",
      nginx: [
        "location = /qr/AbC123.txt {",
        "    default_type text/plain;",
        '    return 200 "9f86d081884c7d65";',
        "}",
      ].join("\n"),
      staticPath: "qr/AbC123.txt",
      bucket: { key: "qr/AbC123.txt", contentType: "text/plain; charset=utf-8", acl: "public-read" },
    });
  });

  it("takes the parent directory of a prefix without a trailing slash, and ignores a query", () => {
    expect(verificationSnippets("https://shop.example.com/qr/p?id=1", file)?.url).toBe(
      "https://shop.example.com/qr/AbC123.txt",
    );
    expect(verificationSnippets("https://shop.example.com", file)?.staticPath).toBe("AbC123.txt");
  });

  it("keeps the file name's case and escapes what nginx would read as syntax", () => {
    const snippets = verificationSnippets("https://a.com/", { fileName: "XyZ.txt", fileContent: 'a"b\\c' });
    expect(snippets?.path).toBe("/XyZ.txt");
    expect(snippets?.nginx).toContain('return 200 "a\\"b\\\\c";');
  });

  it("is null for a prefix that is not a URL", () => {
    expect(verificationSnippets("not a url", file)).toBeNull();
  });
});
