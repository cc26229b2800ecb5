import type { ClickHouseClient } from '@clickhouse/client';
import type { RouteTable } from '../api/route-table.js';
import { EventSearch } from './event-search.js';
import { aggregateRoutes } from './aggregate-routes.js';
import { crossParticipantRoutes } from './cross-participant-routes.js';
import { DeviceTimeline } from './device-timeline.js';
import { explorerRoutes } from './explorer-routes.js';
import { FleetOverview, type DeviceScores } from './fleet-overview.js';
import { fleetRoutes } from './fleet-routes.js';
import { FieldAggregates } from './field-aggregates.js';
import { FieldValues } from './field-values.js';
import { InventoryReports } from './inventory-reports.js';
import { savedSearchRoutes } from './saved-search-routes.js';
import { SavedSearchStore } from './saved-search-store.js';
import { timelineRoutes } from './timeline-routes.js';
import { WindowsKeptEvents } from './windows-kept-events.js';

/** Assembles the investigation domain (log explorer, fleet overview, inventory) and registers its routes. */
export function registerInvestigation(
  routes: RouteTable,
  deps: {
    client: ClickHouseClient;
    isConnected: (deviceId: string) => boolean;
    scopeOf: (participantId: string) => Promise<string[]>;
    /** Participants an operator's search across participants covers (those taking part). */
    participantsTakingPart: () => Promise<string[]>;
    /** The same, with their names (the chooser of the search across participants). */
    namesTakingPart: () => Promise<{ id: string; name: string }[]>;
    deviceScores: DeviceScores;
  },
) {
  const search = new EventSearch(deps.client);
  const fleet = new FleetOverview(deps.client, deps.isConnected, deps.deviceScores);
  const inventory = new InventoryReports(deps.client);
  explorerRoutes(routes, search, deps.scopeOf);
  timelineRoutes(routes, new DeviceTimeline(deps.client), deps.scopeOf);
  aggregateRoutes(routes, new FieldAggregates(deps.client), new FieldValues(deps.client), deps.scopeOf);
  crossParticipantRoutes(routes, search, deps);
  savedSearchRoutes(routes, new SavedSearchStore(deps.client));
  fleetRoutes(routes, fleet, inventory, new WindowsKeptEvents(deps.client), deps.scopeOf);
  return { search, fleet, inventory };
}
