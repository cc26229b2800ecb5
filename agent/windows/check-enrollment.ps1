<#
.SYNOPSIS
  Daily (scheduled by install.ps1): asks Yorozu whether this PC's credential still works, by sending an
  empty OTLP logs request. 403 with "uninstall" in the message (the participant left, terms art. 11 (4)) runs
  uninstall.ps1; any other answer changes nothing. Runs as SYSTEM.
#>
$ErrorActionPreference = 'Stop'
$state = 'C:\ProgramData\Yorozu'
$device = Get-Content -Raw (Join-Path $state 'device.json') | ConvertFrom-Json
$config = Get-Content -Raw (Join-Path $state 'otelcol\config.yaml')
$credential = [regex]::Match($config, 'Authorization:\s*Bearer\s+(\S+)').Groups[1].Value
try {
  Invoke-RestMethod -Method Post -Uri "$($device.serverUrl)/v1/logs" -ContentType 'application/json' -Body '{}' -Headers @{ Authorization = "Bearer $credential" } | Out-Null
} catch {
  $status = [int]$_.Exception.Response.StatusCode
  $message = "$($_.ErrorDetails.Message)"
  if ($status -eq 403 -and $message -match 'uninstall') {
    & (Join-Path $state 'uninstall.ps1') -Reason $message
  } elseif ($status -eq 403) {
    # Revoked without uninstall: stop sending, keep the program for the desk to look at.
    Stop-Service -Name 'otelcol-contrib' -ErrorAction SilentlyContinue
    Set-Service -Name 'otelcol-contrib' -StartupType Disabled -ErrorAction SilentlyContinue
  }
}
