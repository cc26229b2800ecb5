<#
.SYNOPSIS
  Removes the Yorozu reference agent: its service, its program folder and its state folder.
  Run by an administrator, or started by the agent itself after the desk's uninstall command
  (terms art. 11 (4)): the agent removes its data and reports first, then starts this script with
  -AgentProcessId; the script waits for that process to end so that no file is in use.
#>
param(
  [int]$AgentProcessId = 0,
  [string]$InstallDir = (Split-Path -Parent $MyInvocation.MyCommand.Path),
  [string]$StateDir = (Join-Path $env:ProgramData 'Yorozu\agent'),
  [string]$ServiceName = 'YorozuAgent'
)
$ErrorActionPreference = 'Continue'
$log = Join-Path $env:TEMP 'yorozu-agent-uninstall.log'
function Note([string]$text) { Add-Content -Path $log -Value "$(Get-Date -Format o) $text" }

# No restart: the agent exits with code 4 after an uninstall, which the recovery actions would take for a failure.
sc.exe failure $ServiceName reset= 0 actions= '""' | Out-Null
if ($AgentProcessId -gt 0) {
  $process = Get-Process -Id $AgentProcessId -ErrorAction SilentlyContinue
  if ($process) { $process.WaitForExit(60000) | Out-Null }
}
$service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
if ($service) {
  Stop-Service -Name $ServiceName -Force -ErrorAction SilentlyContinue
  $wrapper = Join-Path $InstallDir 'yorozu-agent-service.exe'
  if (Test-Path $wrapper) { & $wrapper uninstall | Out-Null } else { sc.exe delete $ServiceName | Out-Null }
  Note "service $ServiceName removed"
}
if (Test-Path $StateDir) { Remove-Item -Recurse -Force $StateDir; Note "state $StateDir removed" }
# The program folder holds this script: Windows lets a running script's file be deleted (PowerShell has read it).
if (Test-Path $InstallDir) { Remove-Item -Recurse -Force $InstallDir; Note "program $InstallDir removed" }
Note 'Yorozu agent removed'
