-- Least privilege. Nothing is granted to PUBLIC; each group role gets what
-- its job needs and no more. Writes to applications and the logs come with
-- the lifecycle functions (they run as the owner), never as table grants.

REVOKE ALL ON SCHEMA gise FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA gise FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA gise FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA gise FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA gise REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

GRANT USAGE ON SCHEMA gise TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;

-- Everyone on staff: who am I, the catalogue, and the citizen look-ups.
-- (gise.citizen itself is not readable by counter staff: search masks the
-- identity number, and full data comes through citizen_open, which logs.)
GRANT EXECUTE ON FUNCTION gise.whoami(), gise.require_staff(),
    gise.citizen_search(text, integer), gise.citizen_by_national_id(text),
    gise.citizen_open(bigint, text), gise.citizen_applications(bigint),
    gise.national_id_valid(text), gise.fold_name(text), gise.mask_national_id(text)
    TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;
GRANT SELECT ON gise.office, gise.staff, gise.service, gise.document_type,
    gise.service_document, gise.rejection_reason
    TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;

-- Counter work reads applications and their history; it changes them only
-- through the lifecycle functions (granted where they are defined).
GRANT SELECT ON gise.application, gise.application_document, gise.deficiency_notice,
    gise.deficiency_notice_item, gise.decision, gise.escalation
    TO gise_clerk, gise_supervisor;

-- Auditors read everything, change nothing.
GRANT SELECT ON ALL TABLES IN SCHEMA gise TO gise_auditor;
GRANT EXECUTE ON FUNCTION gise.audit_verify() TO gise_auditor;

-- Administrators keep the catalogue, the offices and the staff list.
GRANT INSERT, UPDATE ON gise.office, gise.staff, gise.service, gise.document_type,
    gise.service_document, gise.rejection_reason TO gise_admin;
GRANT DELETE ON gise.service_document TO gise_admin;
