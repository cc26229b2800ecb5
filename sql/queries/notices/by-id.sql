SELECT *
FROM notices
WHERE notice_id = {noticeId:UUID}
LIMIT 1
