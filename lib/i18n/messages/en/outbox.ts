import type { outbox as vi } from "../vi/outbox";

export const outbox: Record<keyof typeof vi, string> = {
  "outbox.title": "Outbox",
  "outbox.intro": "Mail the system sends to officials of the units you manage, newest first.",
  "outbox.demoMode":
    "Demo mode: the server has no mail delivery configured (SMTP_URL), so mail is kept here instead of being sent. You can open the links in it to try them.",
  "outbox.deliveryOn": "Mail is delivered by the mail server. Activation and password-reset links are hidden here for security.",
  "outbox.empty": "No mail yet.",
  "outbox.to": "To",
  "outbox.time": "Time",
  "outbox.status": "Status",
  "outbox.status.sent": "Sent",
  "outbox.status.pending": "Waiting to be sent",
  "outbox.status.held": "Not sent (demo mode)",
  "outbox.status.retrying": "Delivery failed, will retry ({attempts} attempts so far)",
  "outbox.status.failed": "Delivery failed ({attempts} attempts)",
  "outbox.lastError": "Last error",
  "outbox.hiddenLink": "[link hidden]",
  "outbox.text": "Message",
  "outbox.pagination": "Pages",
  "outbox.page": "Page {page} of {pages}",
  "outbox.prev": "Previous page",
  "outbox.next": "Next page",
};
