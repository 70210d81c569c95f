/**
 * WeChat's message encryption scheme (消息加解密), used for everything WeChat
 * pushes to a third-party platform (component_verify_ticket, authorization
 * events): AES-256-CBC under the platform's EncodingAESKey, PKCS#7 padding to
 * 32-byte blocks, and a SHA-1 signature over token, timestamp, nonce and the
 * ciphertext. Shared by the product (to verify and decrypt) and the sandbox (to
 * sign and encrypt what it pushes); it needs node:crypto, so no browser code
 * may import it.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";

const BLOCK = 32;

export type MessageCryptoFailure = "bad-key" | "bad-signature" | "bad-ciphertext" | "wrong-appid";

export class MessageCryptoError extends Error {
  constructor(readonly failure: MessageCryptoFailure) {
    // The message names the kind of failure only: never the payload or the key.
    super(`WeChat message refused: ${failure}`);
    this.name = "MessageCryptoError";
  }
}

export interface MessageCryptoKeys {
  /** The platform's message token (消息校验 Token). */
  token: string;
  /** The platform's 43-character EncodingAESKey. */
  encodingAesKey: string;
  /** The component AppID the messages are addressed to. */
  appid: string;
}

function aesKey(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) throw new MessageCryptoError("bad-key");
  const key = Buffer.from(`${encodingAesKey}=`, "base64");
  if (key.length !== 32) throw new MessageCryptoError("bad-key");
  return key;
}

/** SHA-1 of the four values sorted as strings and joined: WeChat's msg_signature. */
export function messageSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash("sha1").update([token, timestamp, nonce, encrypted].sort().join("")).digest("hex");
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given.toLowerCase(), "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Encrypts `message` as WeChat does. `random` (16 bytes of text) is only given
 * by tests that check WeChat's published vectors.
 */
export function encryptMessage(keys: MessageCryptoKeys, message: string, random?: string): string {
  const key = aesKey(keys.encodingAesKey);
  const body = Buffer.from(message, "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const prefix = random === undefined ? randomBytes(16) : Buffer.from(random, "utf8");
  const plain = Buffer.concat([prefix, length, body, Buffer.from(keys.appid, "utf8")]);
  const pad = BLOCK - (plain.length % BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString("base64");
}

/** Checks the signature, decrypts, and checks the message is addressed to `keys.appid`. */
export function decryptMessage(
  keys: MessageCryptoKeys,
  input: { encrypted: string; timestamp: string; nonce: string; signature: string },
): string {
  const key = aesKey(keys.encodingAesKey);
  if (
    !sameSignature(
      messageSignature(keys.token, input.timestamp, input.nonce, input.encrypted),
      input.signature,
    )
  ) {
    throw new MessageCryptoError("bad-signature");
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(Buffer.from(input.encrypted, "base64")), decipher.final()]);
  } catch {
    throw new MessageCryptoError("bad-ciphertext");
  }
  const pad = plain.at(-1) ?? 0;
  if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) throw new MessageCryptoError("bad-ciphertext");
  const content = plain.subarray(16, plain.length - pad);
  const length = content.readUInt32BE(0);
  if (4 + length > content.length) throw new MessageCryptoError("bad-ciphertext");
  const appid = content.subarray(4 + length).toString("utf8");
  if (appid !== keys.appid) throw new MessageCryptoError("wrong-appid");
  return content.subarray(4, 4 + length).toString("utf8");
}

/** Encrypts and signs a message for pushing (what WeChat sends; the sandbox uses it). */
export function sealMessage(
  keys: MessageCryptoKeys,
  message: string,
  at: { timestamp: string; nonce: string },
): { encrypted: string; signature: string } {
  const encrypted = encryptMessage(keys, message);
  return { encrypted, signature: messageSignature(keys.token, at.timestamp, at.nonce, encrypted) };
}
