import type { SeededRandom } from './seeded-random.js';

/**
 * Printers and USB peripherals found in Japanese offices: the multifunction printers (RICOH, Canon,
 * FUJIFILM, SHARP, KONICA MINOLTA), company-issued USB sticks (I-O DATA, Buffalo, ELECOM, SanDisk,
 * Kingston), phones plugged in to charge, headsets and webcams for Teams. USB ids are the vendors'
 * real vendor ids with product ids of their product lines; serials follow each vendor's pattern.
 */
export const PRINTER_MODELS = [
  'RICOH IM C3000',
  'RICOH IM C4500',
  'Canon iR-ADV C5840',
  'FUJIFILM Apeos C3060',
  'SHARP MX-3661',
  'KONICA MINOLTA bizhub C360i',
] as const;
export const DESK_PRINTER_MODELS = ['EPSON LP-S3290', 'Brother MFC-L8900CDW', 'Canon LBP322i'] as const;

export type PeripheralClass = 'usb_storage' | 'smartphone' | 'hid' | 'camera';

export interface UsbModel {
  deviceClass: PeripheralClass;
  vendorId: string;
  productId: string;
  deviceName: string;
  /** Serial pattern: hex digits, decimal digits, or an Apple-style code. */
  serial: 'hex24' | 'digits20' | 'hex12' | 'apple';
  capacityGb?: number;
}

export const USB_STICKS: readonly UsbModel[] = [
  {
    deviceClass: 'usb_storage',
    vendorId: '0781',
    productId: '5581',
    deviceName: 'SanDisk Ultra USB 3.0',
    serial: 'digits20',
    capacityGb: 64,
  },
  {
    deviceClass: 'usb_storage',
    vendorId: '0781',
    productId: '5583',
    deviceName: 'SanDisk Ultra Fit',
    serial: 'digits20',
    capacityGb: 128,
  },
  {
    deviceClass: 'usb_storage',
    vendorId: '0951',
    productId: '1666',
    deviceName: 'Kingston DataTraveler 100 G3',
    serial: 'hex24',
    capacityGb: 32,
  },
  {
    deviceClass: 'usb_storage',
    vendorId: '0411',
    productId: '01a2',
    deviceName: 'BUFFALO RUF3-K USB Flash Drive',
    serial: 'hex12',
    capacityGb: 32,
  },
  {
    deviceClass: 'usb_storage',
    vendorId: '0411',
    productId: '0272',
    deviceName: 'BUFFALO RUF3-KS USB Flash Drive',
    serial: 'hex12',
    capacityGb: 64,
  },
  {
    deviceClass: 'usb_storage',
    vendorId: '04bb',
    productId: '0c1a',
    deviceName: 'I-O DATA U3-STD USB Flash Drive',
    serial: 'hex12',
    capacityGb: 32,
  },
  {
    deviceClass: 'usb_storage',
    vendorId: '04bb',
    productId: '0c25',
    deviceName: 'I-O DATA U3-PSH (セキュリティUSB)',
    serial: 'hex12',
    capacityGb: 16,
  },
  {
    deviceClass: 'usb_storage',
    vendorId: '056e',
    productId: '6009',
    deviceName: 'ELECOM MF-MSU3 USB Flash Drive',
    serial: 'hex12',
    capacityGb: 32,
  },
  {
    deviceClass: 'usb_storage',
    vendorId: '8564',
    productId: '1000',
    deviceName: 'Transcend JetFlash',
    serial: 'hex12',
    capacityGb: 64,
  },
];

/** Larger drives for a planted exfiltration: a personal portable SSD or stick the company never issued. */
export const EXFILTRATION_DRIVES: readonly UsbModel[] = [
  {
    deviceClass: 'usb_storage',
    vendorId: '0781',
    productId: '5581',
    deviceName: 'SanDisk Ultra USB 3.0',
    serial: 'digits20',
    capacityGb: 256,
  },
  {
    deviceClass: 'usb_storage',
    vendorId: '0781',
    productId: '558c',
    deviceName: 'SanDisk Extreme Portable SSD',
    serial: 'hex24',
    capacityGb: 1000,
  },
  {
    deviceClass: 'usb_storage',
    vendorId: '0951',
    productId: '1666',
    deviceName: 'Kingston DataTraveler 100 G3',
    serial: 'hex24',
    capacityGb: 256,
  },
  {
    deviceClass: 'usb_storage',
    vendorId: '0411',
    productId: '0302',
    deviceName: 'BUFFALO SSD-PUT USB Device',
    serial: 'hex12',
    capacityGb: 500,
  },
];

export const PHONES: readonly UsbModel[] = [
  { deviceClass: 'smartphone', vendorId: '05ac', productId: '12a8', deviceName: 'Apple iPhone', serial: 'apple' },
  { deviceClass: 'smartphone', vendorId: '0fce', productId: '0dde', deviceName: 'Sony Xperia 10 V', serial: 'hex12' },
  { deviceClass: 'smartphone', vendorId: '04dd', productId: '99d2', deviceName: 'SHARP AQUOS sense8', serial: 'hex12' },
  { deviceClass: 'smartphone', vendorId: '18d1', productId: '4ee1', deviceName: 'Google Pixel 8a', serial: 'hex12' },
];

export const MEETING_GEAR: readonly UsbModel[] = [
  { deviceClass: 'hid', vendorId: '0b0e', productId: '0305', deviceName: 'Jabra Evolve2 40', serial: 'hex12' },
  { deviceClass: 'hid', vendorId: '046d', productId: '0a8f', deviceName: 'Logitech USB Headset H390', serial: 'hex12' },
  {
    deviceClass: 'camera',
    vendorId: '046d',
    productId: '082d',
    deviceName: 'Logitech HD Pro Webcam C920',
    serial: 'hex12',
  },
  { deviceClass: 'hid', vendorId: '056e', productId: '4008', deviceName: 'ELECOM HS-HP30UBK', serial: 'hex12' },
];

export interface OwnedPeripheral {
  model: UsbModel;
  serial: string;
  volumeLabel?: string;
  capacityBytes?: number;
}

export function serialFor(rng: SeededRandom, model: UsbModel): string {
  switch (model.serial) {
    case 'digits20':
      return `4C53${rng.digits(16)}`;
    case 'hex24':
      return rng.hex(24, true);
    case 'hex12':
      return rng.hex(12, true);
    case 'apple':
      return `${rng.hex(8, true)}-${rng.hex(16, true)}`;
  }
}

export function ownPeripheral(rng: SeededRandom, model: UsbModel, volumeLabel?: string): OwnedPeripheral {
  const owned: OwnedPeripheral = { model, serial: serialFor(rng, model) };
  if (model.capacityGb) {
    owned.capacityBytes = Math.round(model.capacityGb * 1e9 * 0.93);
    owned.volumeLabel = volumeLabel ?? rng.pick(['USB DRIVE', 'KIOXIA', 'BUFFALO', 'DATA', '営業資料', 'BACKUP']);
  }
  return owned;
}

export function printerName(model: string, owner: string, floor: string): string {
  return `${owner}_複合機 ${model} (${floor})`;
}
