import type { TargetGroup } from "@/lib/db/generated/enums";

/** Đối tượng, in the order forms list them (safe for client components: no Prisma client). */
export const TARGET_GROUPS = ["CAN_BO", "CONG_CHUC", "VIEN_CHUC", "LEADERS", "CCHC_FOCAL"] as const satisfies readonly TargetGroup[];
