SELECT participant_id, version, account_id, login_name, agreed_at
FROM terms_agreements
WHERE participant_id = {participantId:UUID}
ORDER BY agreed_at
