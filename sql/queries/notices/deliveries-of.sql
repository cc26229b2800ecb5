SELECT
  notice_id,
  participant_id,
  channel,
  argMax(d_state, (d_at, d_rank)) AS state,
  argMax(tuple(d_deemed), (d_at, d_rank)).1 AS deemed_delivered_at,
  argMax(d_mail, (d_at, d_rank)) AS mail_id,
  argMax(d_detail, (d_at, d_rank)) AS detail,
  max(d_at) AS updated_at
FROM (
  SELECT notice_id, participant_id, channel, state AS d_state, toInt8(state) AS d_rank, deemed_delivered_at AS d_deemed, mail_id AS d_mail, detail AS d_detail, recorded_at AS d_at
  FROM notice_deliveries
  WHERE notice_id IN {noticeIds:Array(UUID)}
)
GROUP BY notice_id, participant_id, channel
ORDER BY notice_id, channel
