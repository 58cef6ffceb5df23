-- The audit log is append-only (docs/decisions/050): the row trigger "AuditEvent_append_only"
-- refuses UPDATE (except anonymisation's redaction) and DELETE, but TRUNCATE fires no row
-- trigger. A statement trigger refuses it too (issue 9).
CREATE FUNCTION "audit_event_no_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only';
END;
$$;
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_no_truncate"();
