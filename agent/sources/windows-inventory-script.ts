/**
 * The one PowerShell call of the Windows inventory (Windows PowerShell 5.1). It prints one JSON
 * object; every date is already an ISO 8601 string, every enum a string, so windows-inventory.ts
 * reads plain values. Installed software comes from the Uninstall registry keys (64-bit, 32-bit and
 * each loaded user's), never from Win32_Product: querying that class makes Windows Installer verify,
 * and sometimes repair, every MSI package on the PC.
 */
export const WINDOWS_INVENTORY_SCRIPT = String.raw`# yorozu:inventory
$ErrorActionPreference = 'Stop'
function Iso($value) { if ($null -eq $value) { return $null }; try { return ([datetime]$value).ToUniversalTime().ToString('o') } catch { return $null } }
function Try-Get([scriptblock]$block) { try { & $block } catch { $null } }
$os = Get-CimInstance Win32_OperatingSystem
$current = Try-Get { Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' }
$software = @()
$keys = @(
  @{ Path = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*'; Scope = 'x64' },
  @{ Path = 'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\*'; Scope = 'x86' }
)
foreach ($hive in (Try-Get { Get-ChildItem 'Registry::HKEY_USERS' | Where-Object { $_.PSChildName -match '^S-1-5-21-[\d-]+$' } })) {
  $keys += @{ Path = "Registry::HKEY_USERS\$($hive.PSChildName)\Software\Microsoft\Windows\CurrentVersion\Uninstall\*"; Scope = 'user' }
}
foreach ($key in $keys) {
  foreach ($entry in (Try-Get { Get-ItemProperty $key.Path })) {
    if (-not $entry.DisplayName -or $entry.SystemComponent -eq 1 -or $entry.ParentKeyName) { continue }
    $software += [ordered]@{
      DisplayName = [string]$entry.DisplayName; DisplayVersion = [string]$entry.DisplayVersion
      Publisher = [string]$entry.Publisher; InstallDate = [string]$entry.InstallDate
      WindowsInstaller = ($entry.WindowsInstaller -eq 1); Scope = $key.Scope
    }
  }
}
$qfe = foreach ($q in (Try-Get { Get-CimInstance Win32_QuickFixEngineering })) {
  $installed = $null
  if ($q.InstalledOn) { try { $installed = Iso ([datetime]::Parse($q.InstalledOn, [Globalization.CultureInfo]::InvariantCulture)) } catch { $installed = $null } }
  [ordered]@{ HotFixID = [string]$q.HotFixID; Description = [string]$q.Description; InstalledOn = $installed }
}
$history = Try-Get {
  $searcher = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher()
  $count = $searcher.GetTotalHistoryCount()
  if ($count -gt 0) {
    foreach ($h in $searcher.QueryHistory(0, [Math]::Min($count, 2000))) {
      [ordered]@{ Title = [string]$h.Title; Date = (Iso $h.Date); ResultCode = [int]$h.ResultCode; Operation = [int]$h.Operation; UpdateID = [string]$h.UpdateIdentity.UpdateID }
    }
  }
}
[ordered]@{
  ComputerSystem = Get-CimInstance Win32_ComputerSystem | Select-Object Name, DNSHostName, Domain, PartOfDomain, Workgroup, Manufacturer, Model
  BIOS = Get-CimInstance Win32_BIOS | Select-Object SerialNumber, SMBIOSBIOSVersion
  Processor = @(Get-CimInstance Win32_Processor | Select-Object Name, NumberOfCores, NumberOfLogicalProcessors)
  PhysicalMemory = @(Get-CimInstance Win32_PhysicalMemory | Select-Object Capacity)
  DiskDrive = @(Get-CimInstance Win32_DiskDrive | Select-Object Model, Size, InterfaceType, MediaType)
  LogicalDisk = @(Get-CimInstance Win32_LogicalDisk | Select-Object DeviceID, DriveType, Size, FreeSpace, FileSystem)
  NetworkAdapterConfiguration = @(Get-CimInstance Win32_NetworkAdapterConfiguration -Filter 'IPEnabled = True' | Select-Object Description, MACAddress, IPAddress)
  OperatingSystem = [ordered]@{ Caption = [string]$os.Caption; Version = [string]$os.Version; BuildNumber = [string]$os.BuildNumber; OSArchitecture = [string]$os.OSArchitecture; SystemDrive = [string]$os.SystemDrive; InstallDate = (Iso $os.InstallDate); LastBootUpTime = (Iso $os.LastBootUpTime) }
  CurrentVersion = [ordered]@{ DisplayVersion = [string]$current.DisplayVersion; ReleaseId = [string]$current.ReleaseId; UBR = $current.UBR; EditionID = [string]$current.EditionID }
  Software = @($software)
  QuickFixEngineering = @($qfe)
  UpdateHistory = @($history)
} | ConvertTo-Json -Depth 5 -Compress
`;
