<#
.SYNOPSIS
  Installs the Yorozu agent for Windows: enrolls the PC, writes its device credential into the
  OpenTelemetry Collector's configuration, installs the Collector as a service, switches on the
  Windows settings, and registers the daily revocation check. Run as Administrator.
.EXAMPLE
  .\install.ps1 -ServerUrl https://yorozu.example.jp -EnrollmentSecret yes1.… -CollectorMsi .\otelcol-contrib_windows_amd64.msi
#>
#Requires -RunAsAdministrator
[CmdletBinding()]
param(
  [Parameter(Mandatory)] [string] $ServerUrl,
  [Parameter(Mandatory)] [string] $EnrollmentSecret,
  # The Collector (contrib distribution) MSI, as published by the OpenTelemetry project.
  [Parameter(Mandatory)] [string] $CollectorMsi,
  [string[]] $WatchedFolders = @(),
  # Sysmon64.exe from Microsoft Sysinternals; with it, DNS queries, network connections and file creation/deletion are logged.
  [string] $SysmonExe = ''
)
$ErrorActionPreference = 'Stop'
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$state = 'C:\ProgramData\Yorozu'
$configPath = Join-Path $state 'otelcol\config.yaml'
$serviceName = 'otelcol-contrib'
$ServerUrl = $ServerUrl.TrimEnd('/')

New-Item -ItemType Directory -Force -Path (Join-Path $state 'otelcol\storage') | Out-Null

# 1. Enroll: one instance id per installation, so enrolling again returns the same device.
$instanceFile = Join-Path $state 'instance-id'
if (-not (Test-Path $instanceFile)) { [guid]::NewGuid().ToString() | Set-Content -NoNewline -Path $instanceFile }
$os = Get-CimInstance Win32_OperatingSystem
$enroll = @{
  v = 1; type = 'enroll'; secret = $EnrollmentSecret; instanceId = (Get-Content -Raw $instanceFile).Trim()
  hostname = $env:COMPUTERNAME; agentVersion = 'otelcol-contrib'
  os = @{ name = $os.Caption; version = $os.Version; build = $os.BuildNumber; architecture = $os.OSArchitecture }
} | ConvertTo-Json -Depth 4
try {
  $enrolled = Invoke-RestMethod -Method Post -Uri "$ServerUrl/v1/enroll" -ContentType 'application/json; charset=utf-8' -Body ([Text.Encoding]::UTF8.GetBytes($enroll))
} catch {
  throw "Enrollment was refused: $($_.ErrorDetails.Message)"
}

# 2. The Collector configuration with the credential, readable by SYSTEM and Administrators only.
$config = (Get-Content -Raw -Path (Join-Path $here 'collector-config.yaml')).Replace('__YOROZU_URL__', $ServerUrl).Replace('__YOROZU_DEVICE_CREDENTIAL__', $enrolled.credential)
New-Item -ItemType Directory -Force -Path (Split-Path $configPath) | Out-Null
Set-Content -Path $configPath -Value $config -Encoding UTF8
$acl = New-Object System.Security.AccessControl.DirectorySecurity
$acl.SetAccessRuleProtection($true, $false)
foreach ($who in 'NT AUTHORITY\SYSTEM', 'BUILTIN\Administrators') {
  $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule($who, 'FullControl', 'ContainerInherit, ObjectInherit', 'None', 'Allow')))
}
Set-Acl -Path $state -AclObject $acl
@{ deviceId = $enrolled.deviceId; participantId = $enrolled.participantId; serverUrl = $ServerUrl } | ConvertTo-Json | Set-Content -Path (Join-Path $state 'device.json')

# 3. Windows settings (audit policy, logs, SACLs) and, optionally, Sysmon.
& (Join-Path $here 'windows-settings.ps1') -WatchedFolders $WatchedFolders
if ($SysmonExe) { & $SysmonExe -accepteula -i (Join-Path $here 'sysmon-config.xml') | Out-Null }

# 4. The Collector as a service, pointed at our configuration.
$msiLog = Join-Path $state 'otelcol-install.log'
$msi = Start-Process msiexec.exe -Wait -PassThru -ArgumentList @('/i', "`"$CollectorMsi`"", '/qn', '/l*v', "`"$msiLog`"")
if ($msi.ExitCode -ne 0) { throw "the Collector MSI failed (exit $($msi.ExitCode)); see $msiLog" }
$exe = (Get-ChildItem -Path "$env:ProgramFiles\OpenTelemetry Collector" -Filter 'otelcol-contrib.exe' -Recurse | Select-Object -First 1).FullName
& sc.exe config $serviceName binPath= "`"$exe`" --config `"$configPath`"" start= auto | Out-Null
& sc.exe failure $serviceName reset= 86400 actions= restart/60000/restart/60000/restart/600000 | Out-Null
Restart-Service -Name $serviceName

# 5. The daily revocation check (a stock Collector cannot uninstall itself: docs/windows-collector.md).
$check = Join-Path $state 'check-enrollment.ps1'
Copy-Item -Force (Join-Path $here 'check-enrollment.ps1') $check
Copy-Item -Force (Join-Path $here 'uninstall.ps1') (Join-Path $state 'uninstall.ps1')
$action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument "-NoProfile -ExecutionPolicy Bypass -File `"$check`""
$trigger = New-ScheduledTaskTrigger -Daily -At 12:15
Register-ScheduledTask -TaskName 'Yorozu revocation check' -Action $action -Trigger $trigger -User 'SYSTEM' -RunLevel Highest -Force | Out-Null

Write-Output "Yorozu agent installed: device $($enrolled.deviceId)."
