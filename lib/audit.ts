// The audit log lives in lib/audit/ (writing, refused-access events, the log page's query,
// redaction on anonymisation). Writers import recordAudit from here, as they always have.
export { recordAudit, type AuditInput } from "./audit/record";
