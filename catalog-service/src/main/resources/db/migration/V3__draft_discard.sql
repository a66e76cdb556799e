-- Issue 12: an admin can discard a draft (reset it to the latest published version); the audit trail records it.
ALTER TABLE catalog_audit DROP CONSTRAINT catalog_audit_action_check;
ALTER TABLE catalog_audit ADD CONSTRAINT catalog_audit_action_check
    CHECK (action IN ('IMPORT', 'DRAFT_UPDATE', 'DRAFT_DISCARD', 'PUBLISH'));
