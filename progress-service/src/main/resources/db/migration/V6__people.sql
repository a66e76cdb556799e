-- People (EmployeeUpdated's new fields): the employee id is Ladder's id of the person, no longer necessarily the
-- subject (sub) of the account they sign in with; callers are found by subject. A deputy has the manager's read
-- rights on the team. A retired person (active false) keeps their history but leaves the dashboards.
ALTER TABLE employee ADD COLUMN subject TEXT;
ALTER TABLE employee ADD COLUMN deputy_manager_id TEXT;
ALTER TABLE employee ADD COLUMN active BOOLEAN NOT NULL DEFAULT true;
-- rows written before: the employee id was the subject
UPDATE employee SET subject = employee_id;
CREATE INDEX employee_subject_idx ON employee (subject);
CREATE INDEX employee_deputy_idx ON employee (deputy_manager_id);
