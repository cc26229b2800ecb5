SELECT device_id, status_reason, uninstall_requested
FROM devices_current
WHERE status = 'revoked' AND last_changed_at > {since:DateTime64(6, 'UTC')}
