import { describe, expect, it } from "vitest";

import {
  MessageCryptoError,
  decryptMessage,
  encryptMessage,
  messageSignature,
  sealMessage,
} from "@/lib/wechat/message-crypto";

// WeChat's published sample values for its message encryption (the official
// WXBizMsgCrypt samples): same key, two messages, one per direction.
const KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const SAMPLE_ENCRYPT = {
  keys: { token: "pamtest", encodingAesKey: KEY, appid: "wxb11529c136998cb6" },
  random: "aaaabbbbccccdddd",
  message: "我是中文abcd123",
  encrypted: "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==",
};
const SAMPLE_DECRYPT = {
  keys: { token: "spamtest", encodingAesKey: KEY, appid: "wx2c2769f8efd9abc2" },
  timestamp: "1409735669",
  nonce: "1320562132",
  signature: "5d197aaffba7e9b25a30732f161a50dee96bd5fa",
  encrypted:
    "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=",
};

const failureOf = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof MessageCryptoError ? error.failure : String(error);
  }
};

describe("WeChat message encryption", () => {
  it("encrypts WeChat's sample message to WeChat's published ciphertext", () => {
    expect(encryptMessage(SAMPLE_ENCRYPT.keys, SAMPLE_ENCRYPT.message, SAMPLE_ENCRYPT.random)).toBe(
      SAMPLE_ENCRYPT.encrypted,
    );
  });

  it("signs and decrypts WeChat's sample push", () => {
    const { keys, timestamp, nonce, signature, encrypted } = SAMPLE_DECRYPT;
    expect(messageSignature(keys.token, timestamp, nonce, encrypted)).toBe(signature);
    const xml = decryptMessage(keys, { encrypted, timestamp, nonce, signature });
    expect(xml).toContain("<Content><![CDATA[abcdteT]]></Content>");
    expect(xml).toContain("<MsgId>6054768590064713728</MsgId>");
  });

  it("round-trips what it seals, Chinese text included", () => {
    const keys = SAMPLE_DECRYPT.keys;
    const at = { timestamp: "1700000000", nonce: "42" };
    const message = "<xml><InfoType>component_verify_ticket</InfoType><Note>票据 ✓</Note></xml>";
    const sealed = sealMessage(keys, message, at);
    expect(decryptMessage(keys, { ...sealed, ...at })).toBe(message);
    // A fresh random prefix every time: the same message never gives the same ciphertext.
    expect(sealMessage(keys, message, at).encrypted).not.toBe(sealed.encrypted);
  });

  it("refuses a forged signature, a tampered ciphertext, another platform's message and a bad key", () => {
    const { keys, timestamp, nonce, signature, encrypted } = SAMPLE_DECRYPT;
    expect(
      failureOf(() => decryptMessage(keys, { encrypted, timestamp, nonce, signature: "0".repeat(40) })),
    ).toBe("bad-signature");
    expect(
      failureOf(() => decryptMessage(keys, { encrypted, timestamp: "1409735670", nonce, signature })),
    ).toBe("bad-signature");
    // A tampered ciphertext re-signed with the right token (an attacker who knows the token but not the key).
    const tampered = `A${encrypted.slice(1)}`;
    const resigned = messageSignature(keys.token, timestamp, nonce, tampered);
    expect(["bad-ciphertext", "wrong-appid"]).toContain(
      failureOf(() => decryptMessage(keys, { encrypted: tampered, timestamp, nonce, signature: resigned })),
    );
    expect(
      failureOf(() =>
        decryptMessage({ ...keys, appid: "wx0000000000000000" }, { encrypted, timestamp, nonce, signature }),
      ),
    ).toBe("wrong-appid");
    expect(failureOf(() => encryptMessage({ ...keys, encodingAesKey: "short" }, "x"))).toBe("bad-key");
  });

  it("never puts the payload or the key in its error message", () => {
    const { keys, timestamp, nonce, encrypted } = SAMPLE_DECRYPT;
    let thrown: unknown = null;
    try {
      decryptMessage(keys, { encrypted, timestamp, nonce, signature: "f".repeat(40) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MessageCryptoError);
    expect(String(thrown)).not.toContain(encrypted.slice(0, 12));
    expect(String(thrown)).not.toContain(KEY);
  });
});
