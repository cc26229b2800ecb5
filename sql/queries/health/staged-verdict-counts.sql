-- An evaluation's staged verdicts (health-store.ts, createVerdictStaging): how many, and how many fail.
SELECT count() AS verdicts, countIf(status = 'fail') AS failures FROM {staging:Identifier}
