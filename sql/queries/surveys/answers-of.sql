-- The first response of each recipient counts (a second one is refused by the service).
SELECT survey_id, participant_id, first.1 AS response, first.2 AS answers, first.3 AS comment,
  first.4 AS answered_by, first.5 AS answered_at
FROM (
  SELECT survey_id, participant_id,
    argMin(tuple(response, answers, comment, answered_by, answered_at), answered_at) AS first
  FROM survey_answers
  WHERE survey_id IN {surveyIds:Array(UUID)}
  GROUP BY survey_id, participant_id
)
