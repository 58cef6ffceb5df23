import { env } from "@/lib/env";

/** True when mail is delivered over SMTP; false in demo mode, where it stays in the outbox page. */
export function mailDeliveryConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}
