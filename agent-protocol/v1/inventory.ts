import { z } from 'zod';
import { osInfo, shortText, timestamp } from './common.js';
import { DEFAULT_LIMITS } from './limits.js';

/** Endpoint inventory of art. 11: hardware (with the OS), installed software, OS update history. */
export const hardwareInventory = z.object({
  hostname: shortText.min(1),
  domain: shortText.optional().describe('AD domain or workgroup'),
  os: osInfo,
  manufacturer: shortText.optional(),
  model: shortText.optional(),
  serialNumber: shortText.optional(),
  biosVersion: shortText.optional(),
  cpuModel: shortText.optional(),
  cpuCores: z.number().int().min(1).max(4096).optional(),
  memoryBytes: z.number().int().min(0).optional(),
  diskTotalBytes: z.number().int().min(0).optional(),
  diskFreeBytes: z.number().int().min(0).optional(),
  ipAddresses: z
    .array(z.union([z.ipv4(), z.ipv6()]))
    .max(64)
    .default([]),
  macAddresses: z
    .array(z.string().regex(/^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$/))
    .max(64)
    .default([]),
});

export const softwarePackage = z.object({
  name: shortText.min(1),
  version: shortText.default(''),
  publisher: shortText.optional(),
  source: z.enum(['msi', 'exe', 'store', 'dpkg', 'rpm', 'snap', 'flatpak', 'other']).default('other'),
  architecture: z.string().max(32).optional(),
  installedAt: timestamp.optional(),
});

export const osUpdate = z.object({
  id: shortText.min(1).describe('KB number on Windows (e.g. "KB5032190"), "package=version" on Linux'),
  title: shortText.default(''),
  kind: z.enum(['security', 'quality', 'feature', 'driver', 'definition', 'package', 'other']).default('other'),
  status: z.enum(['installed', 'failed', 'pending', 'uninstalled']),
  installedAt: timestamp.optional(),
});

export const inventorySnapshot = z
  .object({
    collectedAt: timestamp,
    hardware: hardwareInventory.optional(),
    software: z.array(softwarePackage).max(DEFAULT_LIMITS.maxSoftwarePerSnapshot).optional(),
    osUpdates: z.array(osUpdate).max(DEFAULT_LIMITS.maxUpdatesPerSnapshot).optional(),
  })
  .refine((value) => value.hardware || value.software || value.osUpdates, {
    message: 'an inventory snapshot needs at least one of hardware, software, osUpdates',
  });

export type InventorySnapshot = z.infer<typeof inventorySnapshot>;
