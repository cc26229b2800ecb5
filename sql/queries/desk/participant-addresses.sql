-- Which participant an e-mail address belongs to: its registered contact address or one of its users'.
SELECT participant_id, name, 'contact' AS source, '' AS account_id, contact_name AS person
FROM participants_current
WHERE lower(contact_email) = {address:String} AND status IN ('approved', 'active', 'withdrawal_requested')
UNION ALL
SELECT a.participant_id AS participant_id, p.name AS name, 'account' AS source, toString(a.account_id) AS account_id, a.display_name AS person
FROM accounts_current AS a
INNER JOIN participants_current AS p ON p.participant_id = a.participant_id
WHERE lower(a.email) = {address:String} AND a.role = 'participant_user' AND a.status = 'active'
  AND p.status IN ('approved', 'active', 'withdrawal_requested')
