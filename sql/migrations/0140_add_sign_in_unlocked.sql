-- An operator's unlock (issue 19) is a row of the sign-in history like a success: the lockout counts only the failures
-- after the last success or unlock, so every process sees the unlock at once without a counter to reset.
ALTER TABLE sign_ins
  MODIFY COLUMN result Enum8('success' = 1, 'wrong_password' = 2, 'unknown_login' = 3, 'locked' = 4, 'suspended' = 5, 'participant_inactive' = 6, 'unlocked' = 7)
