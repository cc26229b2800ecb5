-- The exceptions in force (lifted ones left out), every participant's with its name, newest first.
SELECT toString(e.participant_id) AS participant_id, p.organisation AS organisation, e.exception_id AS exception_id,
       e.rule_id AS rule_id, e.field AS field, e.value AS value, e.reason AS reason, e.changed_at AS changed_at,
       e.changed_by AS changed_by
FROM (SELECT * FROM detection_exceptions FINAL WHERE removed = 0) AS e
LEFT JOIN (SELECT participant_id, name AS organisation FROM participants_current) AS p ON p.participant_id = e.participant_id
ORDER BY e.changed_at DESC
