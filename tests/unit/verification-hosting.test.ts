import { readdir } from "node:fs/promises";
import path from "node:path";

import { describe, expect, it } from "vitest";

import {
  RESERVED_PATH_SEGMENTS,
  hostedDirectory,
  hostedFileUrl,
  hostedPathOf,
  isUsablePathPrefix,
} from "@/lib/verification/hosting";
import { verificationFileUrl } from "@/lib/wechat/match";
import { parseEnv } from "@/server/env";

const APPID = "wx1111111111111111";
const location = { publicUrl: "https://qr.example.com", pathPrefix: "wxverify" };

describe("hosted verification file addresses", () => {
  it("offer a directory whose verification file address is the hosted file", () => {
    const directory = hostedDirectory(location, APPID);
    expect(directory).toBe(`https://qr.example.com/wxverify/${APPID}/`);
    expect(verificationFileUrl(directory, "AbC123.txt")).toBe(hostedFileUrl(location, APPID, "AbC123.txt"));
  });

  it("name the file in the account's directory and in any directory below it", () => {
    expect(hostedPathOf(`/wxverify/${APPID}/AbC123.txt`, "wxverify")).toEqual({
      appid: APPID,
      fileName: "AbC123.txt",
    });
    expect(hostedPathOf(`/wxverify/${APPID}/shop/spring/AbC123.txt`, "wxverify")).toEqual({
      appid: APPID,
      fileName: "AbC123.txt",
    });
  });

  it("tell other paths under the prefix from paths elsewhere", () => {
    for (const pathname of ["/wxverify", "/wxverify/", `/wxverify/${APPID}`, `/wxverify/${APPID}/`]) {
      expect(hostedPathOf(pathname, "wxverify"), pathname).toBe("other");
    }
    expect(hostedPathOf("/wxverify/WX1111111111111111/AbC123.txt", "wxverify")).toBe("other");
    expect(hostedPathOf("/wxverify/not-an-appid/AbC123.txt", "wxverify")).toBe("other");
    for (const pathname of ["/", "/rules", "/wxverifyx/a/b", `/api/verification-files/${APPID}/a.txt`]) {
      expect(hostedPathOf(pathname, "wxverify"), pathname).toBeNull();
    }
  });
});

describe("the hosting path prefix", () => {
  it("is never a first segment the product answers itself", async () => {
    const app = path.resolve(import.meta.dirname, "../../app");
    const segments = new Set<string>();
    async function collect(dir: string): Promise<void> {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (!entry.isDirectory() || entry.name.startsWith("_")) continue;
        // Route groups, "(dashboard)", add no segment of their own.
        if (/^\(.*\)$/.test(entry.name)) await collect(path.join(dir, entry.name));
        else segments.add(entry.name);
      }
    }
    await collect(app);
    expect(segments.size).toBeGreaterThan(0);
    for (const segment of segments) {
      expect(RESERVED_PATH_SEGMENTS, segment).toContain(segment);
      expect(isUsablePathPrefix(segment), segment).toBe(false);
    }
  });

  it("is one safe path segment", () => {
    expect(isUsablePathPrefix("wxverify")).toBe(true);
    expect(isUsablePathPrefix("merchant_files-2")).toBe(true);
    for (const bad of ["", "a/b", "../x", "a b", "%2F", "-x", "x".repeat(65), "API", "_next"]) {
      expect(isUsablePathPrefix(bad), bad).toBe(false);
    }
  });
});

describe("hosting configuration", () => {
  const valid = { AUTH_SECRET: "x".repeat(32), SECRETS_KEY: "ab".repeat(32) };

  it("is off without PUBLIC_URL and defaults the prefix", () => {
    const env = parseEnv(valid);
    expect(env.PUBLIC_URL).toBeUndefined();
    expect(env.VERIFICATION_PATH_PREFIX).toBe("wxverify");
    expect(parseEnv({ ...valid, PUBLIC_URL: "" }).PUBLIC_URL).toBeUndefined();
  });

  it("takes an http(s) PUBLIC_URL without its trailing slash", () => {
    expect(parseEnv({ ...valid, PUBLIC_URL: "https://qr.example.com/" }).PUBLIC_URL).toBe(
      "https://qr.example.com",
    );
    expect(parseEnv({ ...valid, PUBLIC_URL: "http://10.0.0.2:8080/console//" }).PUBLIC_URL).toBe(
      "http://10.0.0.2:8080/console",
    );
    for (const bad of [
      "ftp://qr.example.com",
      "qr.example.com",
      "https://qr.example.com/?a=1",
      "https://x/#y",
    ]) {
      expect(() => parseEnv({ ...valid, PUBLIC_URL: bad }), bad).toThrow(/PUBLIC_URL/);
    }
  });

  it("refuses a prefix that is not one safe segment, or is the product's own", () => {
    expect(parseEnv({ ...valid, VERIFICATION_PATH_PREFIX: "files" }).VERIFICATION_PATH_PREFIX).toBe("files");
    for (const bad of ["a/b", "rules", "api", "x y"]) {
      expect(() => parseEnv({ ...valid, VERIFICATION_PATH_PREFIX: bad }), bad).toThrow(
        /VERIFICATION_PATH_PREFIX/,
      );
    }
  });
});
