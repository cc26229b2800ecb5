/**
 * The one PowerShell call of the Windows health checks (Windows PowerShell 5.1, run as the agent's
 * service account, LocalSystem). Each part is read on its own, so one missing module (no BitLocker
 * on Home editions, Defender replaced by another antivirus) leaves the others; a part that failed
 * carries { Error = message }. Enums are printed as their names.
 */
export const WINDOWS_HEALTH_SCRIPT = String.raw`# yorozu:health
$ErrorActionPreference = 'Stop'
function Iso($value) { if ($null -eq $value) { return $null }; try { return ([datetime]$value).ToUniversalTime().ToString('o') } catch { return $null } }
function Part([scriptblock]$block) { try { & $block } catch { [ordered]@{ Error = $_.Exception.Message } } }
$systemDrive = $env:SystemDrive
[ordered]@{
  Defender = Part {
    $s = Get-MpComputerStatus
    [ordered]@{ AMServiceEnabled = [bool]$s.AMServiceEnabled; AntivirusEnabled = [bool]$s.AntivirusEnabled; RealTimeProtectionEnabled = [bool]$s.RealTimeProtectionEnabled; AMRunningMode = [string]$s.AMRunningMode; AntivirusSignatureAge = [int]$s.AntivirusSignatureAge; AntivirusSignatureLastUpdated = (Iso $s.AntivirusSignatureLastUpdated); AntivirusSignatureVersion = [string]$s.AntivirusSignatureVersion }
  }
  AntivirusProducts = Part { @(Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct | ForEach-Object { [ordered]@{ displayName = [string]$_.displayName; productState = [int]$_.productState } }) }
  SystemDrive = $systemDrive
  BitLocker = Part { @(Get-BitLockerVolume | ForEach-Object { [ordered]@{ MountPoint = [string]$_.MountPoint; VolumeType = [string]$_.VolumeType; ProtectionStatus = [string]$_.ProtectionStatus; VolumeStatus = [string]$_.VolumeStatus; EncryptionMethod = [string]$_.EncryptionMethod; EncryptionPercentage = [double]$_.EncryptionPercentage } }) }
  Firewall = Part { @(Get-NetFirewallProfile | ForEach-Object { [ordered]@{ Name = [string]$_.Name; Enabled = [string]$_.Enabled } }) }
  ScreenLock = Part {
    $machine = Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System' -ErrorAction SilentlyContinue
    $users = foreach ($hive in (Get-ChildItem 'Registry::HKEY_USERS' | Where-Object { $_.PSChildName -match '^S-1-5-21-[\d-]+$' })) {
      $root = "Registry::HKEY_USERS\$($hive.PSChildName)"
      $desktop = Get-ItemProperty "$root\Control Panel\Desktop" -ErrorAction SilentlyContinue
      $policy = Get-ItemProperty "$root\Software\Policies\Microsoft\Windows\Control Panel\Desktop" -ErrorAction SilentlyContinue
      [ordered]@{ Sid = $hive.PSChildName; ScreenSaveActive = [string]$desktop.ScreenSaveActive; ScreenSaverIsSecure = [string]$desktop.ScreenSaverIsSecure; ScreenSaveTimeOut = [string]$desktop.ScreenSaveTimeOut; PolicyScreenSaveActive = [string]$policy.ScreenSaveActive; PolicyScreenSaverIsSecure = [string]$policy.ScreenSaverIsSecure; PolicyScreenSaveTimeOut = [string]$policy.ScreenSaveTimeOut }
    }
    [ordered]@{ InactivityTimeoutSecs = [string]$machine.InactivityTimeoutSecs; Users = @($users) }
  }
  RebootPending = Part {
    [ordered]@{
      ComponentBasedServicing = (Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending')
      WindowsUpdate = (Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired')
    }
  }
  WindowsUpdate = Part {
    $session = New-Object -ComObject Microsoft.Update.Session
    $searcher = $session.CreateUpdateSearcher()
    $pending = foreach ($u in $searcher.Search("IsInstalled=0 and IsHidden=0 and Type='Software'").Updates) { [ordered]@{ Title = [string]$u.Title; LastDeploymentChangeTime = (Iso $u.LastDeploymentChangeTime) } }
    $last = $null
    $count = $searcher.GetTotalHistoryCount()
    if ($count -gt 0) { $last = $searcher.QueryHistory(0, [Math]::Min($count, 2000)) | Where-Object { $_.ResultCode -eq 2 -and $_.Operation -eq 1 } | Sort-Object Date -Descending | Select-Object -First 1 }
    [ordered]@{ Pending = @($pending); LastSuccess = $(if ($last) { Iso $last.Date } else { $null }); LastSuccessTitle = $(if ($last) { [string]$last.Title } else { $null }) }
  }
  LocalAdministrators = Part { @(Get-LocalGroupMember -SID 'S-1-5-32-544' | ForEach-Object { [ordered]@{ Name = [string]$_.Name; ObjectClass = [string]$_.ObjectClass; PrincipalSource = [string]$_.PrincipalSource } }) }
} | ConvertTo-Json -Depth 5 -Compress
`;
