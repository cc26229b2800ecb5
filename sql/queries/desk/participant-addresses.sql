-- Which participant an e-mail address belongs to: its registered contact address or one of its users'.
-- {address} comes in comparable form (desk/rules/mail-authentication.ts): the domain in lower case, the
-- local part in lower case unless {localPartCaseSensitive}; the stored addresses are brought to the same form.
SELECT participant_id, name, 'contact' AS source, '' AS account_id, contact_name AS person
FROM participants_current
WHERE if({localPartCaseSensitive:UInt8} = 1,
          concat(substring(trim(contact_email), 1, length(trim(contact_email)) - position(reverse(trim(contact_email)), '@') + 1),
                 lower(substring(trim(contact_email), length(trim(contact_email)) - position(reverse(trim(contact_email)), '@') + 2))),
          lower(trim(contact_email))) = {address:String}
  AND status IN ('approved', 'active', 'withdrawal_requested')
UNION ALL
SELECT a.participant_id AS participant_id, p.name AS name, 'account' AS source, toString(a.account_id) AS account_id, a.display_name AS person
FROM accounts_current AS a
INNER JOIN participants_current AS p ON p.participant_id = a.participant_id
WHERE if({localPartCaseSensitive:UInt8} = 1,
          concat(substring(trim(a.email), 1, length(trim(a.email)) - position(reverse(trim(a.email)), '@') + 1),
                 lower(substring(trim(a.email), length(trim(a.email)) - position(reverse(trim(a.email)), '@') + 2))),
          lower(trim(a.email))) = {address:String}
  AND a.role = 'participant_user' AND a.status = 'active'
  AND p.status IN ('approved', 'active', 'withdrawal_requested')
