-- Office boundaries for plain reads: counter staff see the applications of
-- their own office; auditors (and the owner, for migrations and the
-- scheduler) all. The lifecycle steps and the read functions check the same
-- boundary themselves (gise.application_lock, gise.may_read_application in
-- 0005), since SECURITY DEFINER functions bypass row-level security.
ALTER TABLE gise.application ENABLE ROW LEVEL SECURITY;
CREATE POLICY application_own_office ON gise.application FOR SELECT
    TO gise_clerk, gise_supervisor USING (office_id = gise.my_office());
CREATE POLICY application_auditor ON gise.application FOR SELECT TO gise_auditor USING (true);
