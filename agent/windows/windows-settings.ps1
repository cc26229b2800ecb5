<#
.SYNOPSIS
  Switches on what Windows must write for Yorozu's mapping (docs/windows-collector.md, "Windows settings").
  Run as Administrator; install.ps1 runs it. Idempotent.
#>
#Requires -RunAsAdministrator
[CmdletBinding()]
param(
  # Folders whose file operations are audited (4656/4660/4663): a SACL for Everyone, success, on write/delete/read.
  [string[]] $WatchedFolders = @()
)
$ErrorActionPreference = 'Stop'

# Advanced audit policy subcategories (auditpol /list /subcategory:*). Names are the English ones;
# auditpol also takes their GUIDs, which do not depend on the display language.
$subcategories = @(
  @{ Name = 'Logon';                      Guid = '{0CCE9215-69AE-11D9-BED3-505054503030}'; Success = $true; Failure = $true },
  @{ Name = 'Logoff';                     Guid = '{0CCE9216-69AE-11D9-BED3-505054503030}'; Success = $true; Failure = $false },
  @{ Name = 'Special Logon';              Guid = '{0CCE921B-69AE-11D9-BED3-505054503030}'; Success = $true; Failure = $false },
  @{ Name = 'Other Logon/Logoff Events';  Guid = '{0CCE921C-69AE-11D9-BED3-505054503030}'; Success = $true; Failure = $false },
  @{ Name = 'Process Creation';           Guid = '{0CCE922B-69AE-11D9-BED3-505054503030}'; Success = $true; Failure = $false },
  @{ Name = 'Process Termination';        Guid = '{0CCE922C-69AE-11D9-BED3-505054503030}'; Success = $true; Failure = $false },
  @{ Name = 'File System';                Guid = '{0CCE921D-69AE-11D9-BED3-505054503030}'; Success = $true; Failure = $false },
  @{ Name = 'File Share';                 Guid = '{0CCE9224-69AE-11D9-BED3-505054503030}'; Success = $true; Failure = $false },
  @{ Name = 'Detailed File Share';        Guid = '{0CCE9244-69AE-11D9-BED3-505054503030}'; Success = $true; Failure = $true },
  @{ Name = 'Plug and Play Events';       Guid = '{0CCE9248-69AE-11D9-BED3-505054503030}'; Success = $true; Failure = $false }
)
foreach ($sub in $subcategories) {
  $success = if ($sub.Success) { 'enable' } else { 'disable' }
  $failure = if ($sub.Failure) { 'enable' } else { 'disable' }
  & auditpol.exe /set /subcategory:$($sub.Guid) /success:$success /failure:$failure | Out-Null
  if ($LASTEXITCODE -ne 0) { throw "auditpol could not set '$($sub.Name)' (exit $LASTEXITCODE)" }
}

# Command lines in 4688 (policy "Include command line in process creation events").
$audit = 'HKLM:\Software\Microsoft\Windows\CurrentVersion\Policies\System\Audit'
New-Item -Path $audit -Force | Out-Null
Set-ItemProperty -Path $audit -Name 'ProcessCreationIncludeCmdLine_Enabled' -Value 1 -Type DWord

# Advanced audit policy wins over the legacy categories ("Audit: Force audit policy subcategory settings").
Set-ItemProperty -Path 'HKLM:\System\CurrentControlSet\Control\Lsa' -Name 'SCENoApplyLegacyAuditPolicy' -Value 1 -Type DWord

# Logs that are off by default.
& wevtutil.exe sl 'Microsoft-Windows-PrintService/Operational' /e:true
& wevtutil.exe sl 'Microsoft-Windows-DriverFrameworks-UserMode/Operational' /e:true
# A larger Security log, so a PC offline for days does not overwrite what the Collector has not read.
& wevtutil.exe sl Security /ms:268435456

# SACLs on watched folders: Everyone, success, write/delete/read data.
foreach ($folder in $WatchedFolders) {
  if (-not (Test-Path $folder)) { Write-Warning "not found, no SACL set: $folder"; continue }
  $acl = Get-Acl -Path $folder -Audit
  $rights = [System.Security.AccessControl.FileSystemRights]'ReadData, WriteData, AppendData, Delete'
  $rule = New-Object System.Security.AccessControl.FileSystemAuditRule('Everyone', $rights, 'ContainerInherit, ObjectInherit', 'None', 'Success')
  $acl.AddAuditRule($rule)
  Set-Acl -Path $folder -AclObject $acl
}
Write-Output 'Windows settings for Yorozu applied.'
