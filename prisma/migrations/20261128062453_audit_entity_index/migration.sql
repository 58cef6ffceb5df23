-- CreateIndex
CREATE INDEX "AuditEvent_entityId_at_idx" ON "AuditEvent"("entityId", "at");
