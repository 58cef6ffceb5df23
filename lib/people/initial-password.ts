import { randomInt } from "node:crypto";

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand (no 0/O, 1/l/I). */
export const INITIAL_PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
export const INITIAL_PASSWORD_LENGTH = 16;

/**
 * A one-time initial password for an account an admin hands over in person (about 93 bits from a
 * CSPRNG). The account must change it at first sign-in (User.mustChangePassword).
 */
export function generateInitialPassword(): string {
  let out = "";
  for (let i = 0; i < INITIAL_PASSWORD_LENGTH; i++) out += INITIAL_PASSWORD_ALPHABET[randomInt(INITIAL_PASSWORD_ALPHABET.length)];
  return out;
}
