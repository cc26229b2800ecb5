SELECT count() AS found FROM participants WHERE participant_id = {participantId:UUID}
