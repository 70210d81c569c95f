import "server-only";

import { env } from "./env";
import { type SecretBox, createSecretBox, parseSecretsKey } from "./secret-box";

let box: SecretBox | undefined;

/** The product's secret box, under SECRETS_KEY. */
export function getSecretBox(): SecretBox {
  if (!box) {
    const key = parseSecretsKey(env.SECRETS_KEY);
    if (!key) throw new Error("SECRETS_KEY is not a 32-byte key");
    box = createSecretBox(key);
  }
  return box;
}
