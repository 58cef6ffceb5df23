/** The name an anonymised person is shown under: "Người dùng đã ẩn danh 3F2A91C0". */
export function anonymisedName(userId: string): string {
  return `Người dùng đã ẩn danh ${userId.replace(/-/g, "").slice(0, 8).toUpperCase()}`;
}

/**
 * A unique address that can never receive mail: the ".invalid" top-level domain is reserved for
 * exactly this (RFC 2606), so no message can leak to whoever holds the old address later.
 */
export function anonymisedEmail(userId: string): string {
  return `an-danh.${userId.toLowerCase()}@an-danh.invalid`;
}

/**
 * Stored in place of the password hash. It is not an argon2 hash, so verifyPassword() never
 * matches it (lib/auth/password.ts), and no password can be set that produces it.
 */
export const UNUSABLE_PASSWORD = "!anonymised";
