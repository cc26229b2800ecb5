<#
.SYNOPSIS
  Removes the Yorozu agent for Windows: the Collector service and program, the scheduled check, and
  every file it kept (configuration with the credential, bookmarks, the queue). Run as Administrator
  (or as SYSTEM from the scheduled check). Windows audit settings are left as they are: they may serve
  other tools; windows-settings.ps1 lists them.
#>
#Requires -RunAsAdministrator
[CmdletBinding()]
param([string] $Reason = 'requested')
$ErrorActionPreference = 'Continue'
$state = 'C:\ProgramData\Yorozu'

Stop-Service -Name 'otelcol-contrib' -Force -ErrorAction SilentlyContinue
# The uninstall registry keys, not Win32_Product (querying it makes Windows check and repair every MSI).
$keys = 'HKLM:\Software\Microsoft\Windows\CurrentVersion\Uninstall\*', 'HKLM:\Software\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\*'
$products = Get-ItemProperty -Path $keys -ErrorAction SilentlyContinue | Where-Object { $_.DisplayName -like 'OpenTelemetry Collector*' }
foreach ($p in @($products)) { if ($p) { Start-Process msiexec.exe -Wait -ArgumentList @('/x', $p.PSChildName, '/qn') } }
& sc.exe delete 'otelcol-contrib' 2>$null | Out-Null
Unregister-ScheduledTask -TaskName 'Yorozu revocation check' -Confirm:$false -ErrorAction SilentlyContinue
Remove-Item -Recurse -Force -Path $state -ErrorAction SilentlyContinue
Write-EventLog -LogName Application -Source 'Application' -EventId 1000 -Message "Yorozu agent removed: $Reason" -ErrorAction SilentlyContinue
Write-Output "Yorozu agent removed ($Reason)."
