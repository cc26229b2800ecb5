import type { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { deskDashboard } from './desk.js';
import { fleetIngestDashboard } from './fleet-ingest.js';
import { participantHealthDashboard } from './participant-health.js';
import { yorozuMetricsDashboard } from './yorozu-metrics.js';

/** Every provisioned dashboard, by the file name it is generated into. */
export const DASHBOARDS: Record<string, () => DashboardBuilder> = {
  'fleet-ingest': fleetIngestDashboard,
  'participant-health': participantHealthDashboard,
  desk: deskDashboard,
  'gateway-metrics': yorozuMetricsDashboard,
};
