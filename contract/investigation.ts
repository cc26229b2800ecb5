import { z } from 'zod';
import { count, localised, time, uint64, uuid } from './common.js';

/** The fleet overview, device lists, inventory reports and the log explorer. */
export const fleetParticipant = z.object({
  participant_id: uuid,
  name: z.string(),
  status: z.string(),
  devices: count,
  devices_online: count,
  devices_revoked: count,
  last_seen: time.nullable(),
  events_24h: count,
  /** 24 entries, oldest first; `hour` is the hour's start (ISO 8601). */
  events_per_hour: z.array(z.object({ hour: time, count })),
  rejected_24h: count,
  /** Mean health score of its devices in the latest evaluation; null before any. */
  score: z.number().nullable(),
  devices_failing: count,
});
export type FleetParticipant = z.infer<typeof fleetParticipant>;
export const fleet = z.object({ participants: z.array(fleetParticipant) });

export const deviceOverviewRow = z.object({
  device_id: uuid,
  participant_id: uuid,
  participant_name: z.string().nullable(),
  hostname: z.string(),
  os_name: z.string(),
  os_version: z.string(),
  agent_version: z.string(),
  status: z.enum(['active', 'revoked']),
  connected: z.boolean(),
  last_seen: time.nullable(),
  events_24h: count,
  score: z.number().nullable(),
  failing_policies: z.number().nullable(),
  /** Told to uninstall (the participant left), and the agent's latest report on it (null: none). */
  uninstall_requested: z.coerce.boolean(),
  uninstall_reported_at: time.nullable(),
  uninstall_status: z.enum(['done', 'failed']).nullable(),
});
export type DeviceOverviewRow = z.infer<typeof deviceOverviewRow>;
export const deviceOverview = z.object({
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
  devices: z.array(deviceOverviewRow),
});
export type DeviceOverview = z.infer<typeof deviceOverview>;

/** A device's latest hardware snapshot (the agent's inventory report). */
export const hardwareSnapshot = z.object({
  device_id: uuid,
  collected_at: time,
  hostname: z.string(),
  domain_name: z.string(),
  os_name: z.string(),
  os_version: z.string(),
  os_build: z.string(),
  os_architecture: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  serial_number: z.string(),
  bios_version: z.string(),
  cpu_model: z.string(),
  cpu_cores: count,
  memory_bytes: count,
  disk_total_bytes: count,
  disk_free_bytes: count,
  ip_addresses: z.array(z.string()),
  mac_addresses: z.array(z.string()),
});
export type HardwareSnapshot = z.infer<typeof hardwareSnapshot>;
export const installedSoftware = z.object({
  name: z.string(),
  version: z.string(),
  publisher: z.string(),
  installed_at: time.nullable(),
});
export type InstalledSoftware = z.infer<typeof installedSoftware>;
export const osUpdate = z.object({
  update_id: z.string(),
  title: z.string(),
  kind: z.string(),
  status: z.string(),
  installed_at: time.nullable(),
});
export type OsUpdate = z.infer<typeof osUpdate>;
export const deviceInventory = z.object({
  hardware: hardwareSnapshot.nullable(),
  software: z.array(installedSoftware),
  osUpdates: z.array(osUpdate),
});
export type DeviceInventory = z.infer<typeof deviceInventory>;

export const softwareMatch = z.object({
  device_id: uuid,
  hostname: z.string(),
  name: z.string(),
  version: z.string(),
  publisher: z.string(),
});
export type SoftwareMatch = z.infer<typeof softwareMatch>;
export const softwareMatches = z.object({ devices: z.array(softwareMatch) });
export const updateGap = z.object({
  device_id: uuid,
  hostname: z.string(),
  last_installed_at: time.nullable(),
  days_since: z.number().nullable(),
  failed_updates: count,
  pending_updates: count,
});
export type UpdateGap = z.infer<typeof updateGap>;
export const updateGaps = z.object({ devices: z.array(updateGap) });
export const hardwareSummary = z.object({
  devices: count,
  by_os: z.array(z.object({ os_name: z.string(), os_version: z.string(), devices: count })),
  by_model: z.array(z.object({ manufacturer: z.string(), model: z.string(), devices: count })),
  by_memory_gb: z.array(z.object({ memory_gb: count, devices: count })),
  low_disk: z.array(z.object({ device_id: uuid, hostname: z.string(), free_percent: z.number().nullable() })),
});
export type HardwareSummary = z.infer<typeof hardwareSummary>;

/**
 * One event: the columns of the `events` table (new columns pass through) and the device's host name.
 * `seq` is a 64-bit sequence number, as text.
 */
export const logEvent = z.looseObject({
  device_id: uuid,
  seq: z.string(),
  time,
  category: z.string(),
  hostname: z.string().nullable().optional(),
  received_at: time.optional(),
});
export type LogEvent = z.infer<typeof logEvent>;
/** Something the query does that was probably not meant (a lower-case `and` searched as a word); it still ran. */
export const queryWarning = z.object({
  code: z.string(),
  position: z.number(),
  length: z.number(),
  message: localised,
});
export const eventPage = z.object({
  events: z.array(logEvent),
  nextCursor: z.string().nullable(),
  warnings: z.array(queryWarning).default([]),
});
export const histogram = z.object({
  from: time,
  to: time,
  bucketSeconds: z.number(),
  total: count,
  /** Without `split` (or split by category) the counts are keyed by category; with it, by the split's values. */
  buckets: z.array(
    z.object({
      t: time,
      counts: z.record(z.string(), z.number()),
      /** Events of the values not among `split.values`. */
      other: z.number().optional(),
    }),
  ),
  /** The field the histogram is split by and its most frequent values (a device by host name), in that order. */
  split: z.object({ field: z.string(), column: z.string(), values: z.array(z.string()) }).optional(),
});
export type Histogram = z.infer<typeof histogram>;
export const eventContext = z.object({ before: z.array(logEvent), hit: logEvent, after: z.array(logEvent) });
export const timeline = z.object({
  events: z.array(logEvent),
  /** More events of the range exist than this page holds (older ones: follow nextCursor). */
  truncated: z.boolean(),
  nextCursor: z.string().nullable(),
  /** Events of the whole range (every page). */
  total: count,
  density: z.object({ bucketSeconds: z.number(), buckets: z.array(z.object({ t: time, n: count })) }),
  /** The device's newest event at any time, for "jump to last activity"; null when it sent none. */
  lastActivity: time.nullable(),
});

export const queryField = z.object({
  name: z.string(),
  aliases: z.array(z.string()),
  column: z.string(),
  kind: z.string(),
  label: localised,
  /** Few distinct values (the catalogue's `splittable`, not the storage type): the histogram may be split by it (`split=`). */
  splittable: z.boolean().optional(),
});
export type QueryField = z.infer<typeof queryField>;
export const queryFields = z.object({
  fields: z.array(queryField),
  attributes: z.object({ name: z.string(), column: z.string(), label: localised }),
  categories: z.array(z.object({ value: z.string(), label: localised })),
});

/** The answers as types (what the dashboard and the tests read). */
export type Fleet = z.infer<typeof fleet>;
export type SoftwareMatches = z.infer<typeof softwareMatches>;
export type UpdateGaps = z.infer<typeof updateGaps>;
/** A search across participants: the page, and every participant searched (each recorded in its access log). */
export const crossParticipantPage = eventPage.extend({ participants: z.array(uuid) });
export type CrossParticipantPage = z.infer<typeof crossParticipantPage>;
/** The participants a search across participants can cover (those taking part), for choosing a set. */
export const searchableParticipants = z.object({ participants: z.array(z.object({ id: uuid, name: z.string() })) });
export type SearchableParticipants = z.infer<typeof searchableParticipants>;

/** Matching events grouped by a field (field statistics and aggregates), largest first. */
export const aggregate = z.object({
  field: z.string(),
  rows: z.array(z.object({ key: z.string(), value: z.number() })),
});
export type Aggregate = z.infer<typeof aggregate>;
export type EventPage = z.infer<typeof eventPage>;
export type QueryWarning = z.infer<typeof queryWarning>;
export type EventContext = z.infer<typeof eventContext>;
export type Timeline = z.infer<typeof timeline>;
export type QueryFields = z.infer<typeof queryFields>;

/** A device's Windows events outside the eight categories (windows_events_kept, docs/windows-collector.md). */
export const windowsKeptCount = z.object({
  channel: z.string(),
  provider: z.string(),
  event_id: count,
  reason: z.string(),
  events: count,
  last_at: time,
});
export type WindowsKeptCount = z.infer<typeof windowsKeptCount>;
export const windowsKeptEvent = z.object({
  time,
  reason: z.string(),
  channel: z.string(),
  provider: z.string(),
  event_id: count,
  record_id: uint64,
  computer: z.string(),
  message: z.string(),
  event_data: z.record(z.string(), z.string()),
  attributes: z.record(z.string(), z.string()),
  body: z.string(),
  body_truncated: count,
});
export type WindowsKeptEvent = z.infer<typeof windowsKeptEvent>;
export const windowsKeptEvents = z.object({ counts: z.array(windowsKeptCount), events: z.array(windowsKeptEvent) });

/**
 * A saved search (operators): its address, whose it is, whether other operators see it, and the access purpose
 * its owner had chosen when saving it. participantId is null for a search across participants.
 */
export const savedSearch = z.object({
  id: uuid,
  name: z.string(),
  path: z.string(),
  participantId: uuid.nullable(),
  ownerName: z.string(),
  mine: z.boolean(),
  shared: z.boolean(),
  purpose: z.string(),
  purposeNote: z.string(),
  savedAt: z.string(),
});
export const savedSearches = z.object({ searches: z.array(savedSearch) });
export type SavedSearch = z.infer<typeof savedSearch>;
export type SavedSearches = z.infer<typeof savedSearches>;

/** Autocomplete: values of a field that begin with what was typed, most frequent first (count 0: not counted). */
export const fieldValues = z.object({
  field: z.string(),
  values: z.array(z.object({ value: z.string(), count: z.number() })),
});
export type FieldValues = z.infer<typeof fieldValues>;
