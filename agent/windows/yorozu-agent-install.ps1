<#
.SYNOPSIS
  Installs the Yorozu reference agent (yorozu-agent.exe, built by agent/windows/build-agent-exe.ts) as a
  Windows service that restarts on failure, after enrolling this PC with the participant's secret.
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File .\yorozu-agent-install.ps1 -Server https://desk.example.jp -Secret yes1.xxxx
#>
param(
  [Parameter(Mandatory = $true)][string]$Server,
  [Parameter(Mandatory = $true)][string]$Secret,
  [string]$InstallDir = (Join-Path $env:ProgramFiles 'Yorozu\Agent'),
  [string]$StateDir = (Join-Path $env:ProgramData 'Yorozu\agent'),
  [string]$ServiceName = 'YorozuAgent'
)
$ErrorActionPreference = 'Stop'
$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) { throw 'Run this script as an administrator.' }
$source = $PSScriptRoot
foreach ($file in 'yorozu-agent.exe', 'yorozu-agent-service.exe', 'yorozu-agent-uninstall.ps1') {
  if (-not (Test-Path (Join-Path $source $file))) { throw "$file is missing next to this script (build it with agent/windows/build-agent-exe.ts; WinSW goes in as yorozu-agent-service.exe)." }
}

# Program files: readable by everyone, writable by administrators (the default ACL of Program Files).
New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
Copy-Item (Join-Path $source 'yorozu-agent.exe'), (Join-Path $source 'yorozu-agent-service.exe'), (Join-Path $source 'yorozu-agent-uninstall.ps1') -Destination $InstallDir -Force
$agent = Join-Path $InstallDir 'yorozu-agent.exe'
$uninstall = Join-Path $InstallDir 'yorozu-agent-uninstall.ps1'

# State (credential, disk buffer, bookmarks): SYSTEM and Administrators only.
New-Item -ItemType Directory -Force -Path $StateDir | Out-Null
icacls $StateDir /inheritance:r /grant:r 'SYSTEM:(OI)(CI)F' 'Administrators:(OI)(CI)F' | Out-Null

# Enroll now, so a wrong secret or an unreachable server fails the installation, not the service later.
& $agent --server $Server --secret $Secret --state-dir $StateDir --enroll-only
if ($LASTEXITCODE -ne 0) { throw "Enrollment failed (exit code $LASTEXITCODE); nothing was registered." }

# The service: WinSW runs the agent as LocalSystem and stops it with Ctrl+C (the agent drains its buffer).
$config = @"
<service>
  <id>$ServiceName</id>
  <name>Yorozu agent</name>
  <description>Yorozu security desk agent: operation logs, inventory and health checks (terms art. 11)</description>
  <executable>$agent</executable>
  <arguments>--server "$Server" --state-dir "$StateDir" --uninstall-script "$uninstall"</arguments>
  <startmode>Automatic</startmode>
  <delayedAutoStart>true</delayedAutoStart>
  <stoptimeout>30 sec</stoptimeout>
  <log mode="roll-by-size"><sizeThreshold>10240</sizeThreshold><keepFiles>5</keepFiles></log>
  <logpath>$StateDir\logs</logpath>
</service>
"@
Set-Content -Path (Join-Path $InstallDir 'yorozu-agent-service.xml') -Value $config -Encoding UTF8
& (Join-Path $InstallDir 'yorozu-agent-service.exe') install
if ($LASTEXITCODE -ne 0) { throw "Registering the service failed (exit code $LASTEXITCODE)." }
# Restart on failure by the service control manager: 10 s, 10 s, then every 60 s; the count resets after a day.
sc.exe failure $ServiceName reset= 86400 actions= restart/10000/restart/10000/restart/60000 | Out-Null
sc.exe failureflag $ServiceName 1 | Out-Null
Start-Service $ServiceName
Write-Output "Yorozu agent installed in $InstallDir and running as the $ServiceName service."
