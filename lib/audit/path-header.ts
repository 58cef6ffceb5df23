/**
 * The request header through which proxy.ts tells server code the requested path (Next.js gives
 * pages no other way to learn it). proxy.ts always overwrites it, so a client cannot forge it.
 */
export const PATH_HEADER = "x-taphuan-path";

/** The requested path with its query, set the same way, only to come back after signing in. */
export const RETURN_HEADER = "x-taphuan-return";
