import { DAY_MS } from './japan-calendar.js';
import {
  CPU_MODELS,
  DEPARTMENTS,
  GIVEN_NAMES,
  ORGANISATION_CODES,
  PC_MODELS,
  SURNAMES,
  WINDOWS_RELEASES,
  type PcModel,
  type WindowsRelease,
  type WorkProfile,
} from './people-and-places.js';
import {
  DESK_PRINTER_MODELS,
  MEETING_GEAR,
  PHONES,
  PRINTER_MODELS,
  USB_STICKS,
  ownPeripheral,
  printerName,
  type OwnedPeripheral,
} from './peripheral-catalog.js';
import { randomFor, type Seed, type SeededRandom } from './seeded-random.js';
import { ANTIVIRUS_PRODUCTS, SOFTWARE_TITLES, type AntivirusProduct } from './software-catalog.js';

/**
 * Who and what is in each simulated office: one organisation per participant, its PCs, the person at
 * each PC and that person's habits. A pure function of the seed, so tests can compare two plans.
 */
export interface ParticipantSpec {
  name: string;
  /** Host-name prefix (SAKURA → SAKURA-PC-014); chosen from the seed when absent. */
  code?: string;
  /** PCs of this participant; defaults to the plan's devicesPerParticipant. */
  devices?: number;
}

export interface SimulatedParticipant {
  index: number;
  name: string;
  code: string;
  /** Slug for tenant hosts (sakura-corp.sharepoint.com, sakura-corp.cybozu.com). */
  tenant: string;
  adDomain: string;
  fileShare: string;
  antivirus: AntivirusProduct;
}

export interface InstalledSoftware {
  name: string;
  version: string;
  publisher: string;
  source: 'msi' | 'exe' | 'store';
  installedAtMs: number;
  processName?: string;
  processPath?: string;
}

export interface DeviceHabits {
  /** Multiplies the events per hour (some people click more). */
  activity: number;
  arrivalHour: number;
  leaveHour: number;
  lateNightChance: number;
  sleepInsteadOfShutdown: number;
  usbDayChance: number;
  phoneChargeChance: number;
}

/** Health traits that make check results drift differently per PC. */
export interface DeviceSecurityTraits {
  /** Day index from which BitLocker is on; null: never during the plan. */
  encryptedFromDay: number | null;
  screenLockMinutes: number;
  /** Day index on which IT fixes a too-long screen lock; null: never. */
  screenLockFixedOnDay: number | null;
  definitionUpdateReliability: number;
  /** Longest delay (days) before this PC installs a monthly update. */
  patchDelayMaxDays: number;
}

export interface SimulatedDevice {
  key: string;
  /** Deterministic per seed: enrolling again with it gives the same deviceId, so a re-run never duplicates. */
  instanceId: string;
  participantIndex: number;
  participantName: string;
  hostname: string;
  adDomain: string;
  user: string;
  userDisplayName: string;
  department: string;
  floor: string;
  profile: WorkProfile;
  tenant: string;
  fileShare: string;
  oneDriveFolder: string;
  windows: WindowsRelease;
  pc: PcModel & {
    serialNumber: string;
    biosVersion: string;
    cpuModel: string;
    cpuCores: number;
    memoryBytes: number;
    diskTotalBytes: number;
    diskFreeBytes: number;
  };
  ipAddress: string;
  macAddress: string;
  browser: 'msedge' | 'chrome';
  printer: string;
  software: InstalledSoftware[];
  antivirus: AntivirusProduct;
  usbStick?: OwnedPeripheral;
  phone?: OwnedPeripheral;
  headset?: OwnedPeripheral;
  habits: DeviceHabits;
  security: DeviceSecurityTraits;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function pcSerial(rng: SeededRandom, model: PcModel): string {
  const alnum = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'.split('');
  const chars = (n: number) => Array.from({ length: n }, () => rng.pick(alnum)).join('');
  switch (model.serial) {
    case 'dell':
      return chars(7);
    case 'lenovo':
      return `PF${chars(6)}`;
    case 'hp':
      return `5CG${rng.digits(3)}${chars(4)}`;
    case 'digits':
      return `${rng.int(1, 9)}${rng.digits(rng.int(7, 9))}`;
  }
}

export function planParticipant(
  seed: Seed,
  spec: ParticipantSpec,
  index: number,
  usedCodes: Set<string>,
): SimulatedParticipant {
  const rng = randomFor(seed, 'participant', index, spec.name);
  const freeCodes: string[] = ORGANISATION_CODES.filter((c) => !usedCodes.has(c));
  let code = spec.code?.toUpperCase() ?? (freeCodes.length > 0 ? rng.pick(freeCodes) : `ORG${index + 1}`);
  if (usedCodes.has(code)) code = `${code}${index + 1}`;
  usedCodes.add(code);
  return {
    index,
    name: spec.name,
    code,
    tenant: `${code.toLowerCase()}-corp`,
    adDomain: code,
    fileShare: `\\\\${code}-FS01\\共有`,
    antivirus: rng.weighted(ANTIVIRUS_PRODUCTS),
  };
}

function installedSoftware(
  rng: SeededRandom,
  profile: WorkProfile,
  user: string,
  startMs: number,
): InstalledSoftware[] {
  return SOFTWARE_TITLES.filter(
    (title) => (!title.profiles || title.profiles.includes(profile)) && rng.chance(title.share),
  ).map((title) => {
    const version = rng.weighted(title.versions.map((v, i) => [v, 1 / (i + 1) ** 2] as const));
    const installed: InstalledSoftware = {
      name: title.name,
      version,
      publisher: title.publisher,
      source: title.source,
      installedAtMs: startMs - rng.int(3, 700) * DAY_MS - rng.int(0, 86_399) * 1000,
    };
    if (title.processName) installed.processName = title.processName;
    if (title.processPath) installed.processPath = title.processPath.replace('{user}', user);
    return installed;
  });
}

export function planDevices(
  seed: Seed,
  participant: SimulatedParticipant,
  count: number,
  startMs: number,
  days: number,
): SimulatedDevice[] {
  const rng = randomFor(seed, 'devices', participant.index, participant.code);
  const printerModels = rng.shuffle(PRINTER_MODELS);
  const users = new Set<string>();
  let hostNumber = rng.int(1, 30);
  return Array.from({ length: count }, (_, deviceIndex) => {
    const [surname, surnameKanji] = rng.weighted(SURNAMES.map((name, i) => [name, 1 / (i + 4)] as const));
    const [given, givenKanji] = rng.pick(GIVEN_NAMES);
    let user = `${surname}.${given}`;
    for (let n = 2; users.has(user); n += 1) user = `${surname}.${given}${n}`;
    users.add(user);
    const department = rng.weighted(DEPARTMENTS.map((d) => [d, d.weight] as const));
    const model = rng.weighted(PC_MODELS);
    const windows = rng.weighted(WINDOWS_RELEASES);
    const diskTotalBytes = rng.pick([256, 512, 512, 1024]) * 1_000_204_886;
    hostNumber += rng.weighted([
      [1, 6],
      [2, 2],
      [3, 1],
    ] as const);
    const printerModel = rng.chance(0.85)
      ? printerModels[DEPARTMENTS.indexOf(department) % printerModels.length]!
      : rng.pick(DESK_PRINTER_MODELS);
    const lateNightChance = clamp(rng.gaussian(0.06, 0.04), 0.005, 0.18);
    const device: SimulatedDevice = {
      key: `p${participant.index}-d${deviceIndex}`,
      instanceId: randomFor(seed, 'instance', participant.index, deviceIndex).uuid(),
      participantIndex: participant.index,
      participantName: participant.name,
      hostname: `${participant.code}-PC-${String(hostNumber).padStart(3, '0')}`,
      adDomain: participant.adDomain,
      user,
      userDisplayName: `${surnameKanji} ${givenKanji}`,
      department: department.name,
      floor: department.floor,
      profile: department.profile,
      tenant: participant.tenant,
      fileShare: participant.fileShare,
      oneDriveFolder: `C:\\Users\\${user}\\OneDrive - ${participant.name}`,
      windows,
      pc: {
        ...model,
        serialNumber: pcSerial(rng, model),
        biosVersion: `${model.biosPrefix}${rng.int(1, 29)}.${rng.int(0, 9)}`,
        cpuModel: rng.weighted(CPU_MODELS),
        cpuCores: rng.pick([8, 10, 12]),
        memoryBytes: rng.pick([8, 16, 16, 16, 32]) * 1024 ** 3,
        diskTotalBytes,
        diskFreeBytes: Math.round(diskTotalBytes * rng.between(0.08, 0.7)),
      },
      ipAddress: `192.168.${10 + participant.index}.${20 + deviceIndex}`,
      macAddress: `${rng.pick(['3C:22:FB', 'F8:E4:3B', 'A4:BB:6D', 'F4:8E:38', '8C:16:45', 'E4:54:E8'])}:${rng.hex(2, true)}:${rng.hex(2, true)}:${rng.hex(2, true)}`,
      browser: rng.chance(0.6) ? 'msedge' : 'chrome',
      printer: printerName(printerModel, department.name, department.floor),
      software: installedSoftware(rng, department.profile, user, startMs),
      antivirus: participant.antivirus,
      habits: {
        activity: clamp(rng.gaussian(1, 0.2), 0.6, 1.4),
        arrivalHour: clamp(rng.gaussian(8.65, 0.25), 8.0, 9.6),
        leaveHour: clamp(rng.gaussian(18.2, 0.45), 17.4, 19.6),
        lateNightChance,
        sleepInsteadOfShutdown: rng.between(0.05, 0.5),
        usbDayChance: rng.between(0.02, 0.12),
        phoneChargeChance: rng.between(0.1, 0.6),
      },
      security: {
        encryptedFromDay: rng.chance(0.85) ? -1 : rng.chance(0.5) ? rng.int(0, Math.max(0, days - 1)) : null,
        screenLockMinutes: rng.weighted([
          [5, 3],
          [10, 5],
          [15, 3],
          [30, 1],
          [0, 0.5],
        ] as const),
        screenLockFixedOnDay: rng.chance(0.5) ? rng.int(0, Math.max(0, days - 1)) : null,
        definitionUpdateReliability: rng.between(0.8, 0.99),
        patchDelayMaxDays: rng.weighted([
          [2, 5],
          [5, 3],
          [12, 1],
        ] as const),
      },
    };
    if (rng.chance(0.4)) device.usbStick = ownPeripheral(rng, rng.pick(USB_STICKS));
    if (rng.chance(0.55)) device.phone = ownPeripheral(rng, rng.pick(PHONES));
    if (rng.chance(0.6)) device.headset = ownPeripheral(rng, rng.pick(MEETING_GEAR));
    return device;
  });
}
