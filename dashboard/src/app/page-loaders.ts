import type { Route } from './router.js';

/**
 * Each page is its own chunk of the build, fetched the first time its address is opened, so the sign-in page
 * and the first page load only what they show (the explorer's and the timeline's charts are most of the
 * bundle). The shell renders the page's element at once; the browser upgrades it when its chunk has run.
 */
const LOADERS: Partial<Record<Route['name'], () => Promise<unknown>>> = {
  fleet: () => import('../pages/fleet/fleet-page.js'),
  devices: () => import('../pages/devices/devices-page.js'),
  device: () => import('../pages/device/device-page.js'),
  explorer: () => import('../pages/explorer/explorer-page.js'),
  inventory: () => import('../pages/inventory/inventory-page.js'),
  report: () => import('../pages/report/report-page.js'),
  policies: () => import('../pages/policies/policies-page.js'),
  'detection-rules': () => import('../pages/detection-rules/detection-rules-page.js'),
  lists: () => import('../pages/lists/lists-page.js'),
  tickets: () => import('../pages/tickets/tickets-page.js'),
  'ticket-new': () => import('../pages/tickets/ticket-new-page.js'),
  ticket: () => import('../pages/tickets/ticket-page.js'),
  desk: () => import('../pages/desk/desk-page.js'),
  deletions: () => import('../pages/deletions/deletions-page.js'),
  'cross-search': () => import('../pages/cross-search/cross-search-page.js'),
  notices: () => import('../pages/notices/notices-page.js'),
  'participant-notices': () => import('../pages/notices/notices-page.js'),
  'public-notices': () => import('../pages/notices/public-notices-page.js'),
  terms: () => import('../pages/terms/terms-page.js'),
  maintenance: () => import('../pages/maintenance/maintenance-page.js'),
  'trial-settings': () => import('../pages/trial/trial-settings-page.js'),
  'operator-accounts': () => import('../pages/operators/operator-accounts-page.js'),
  outreach: () => import('../pages/outreach/outreach-page.js'),
  apply: () => import('../pages/apply/apply-page.js'),
  application: () => import('../pages/apply/application-status-page.js'),
  applications: () => import('../pages/applications/applications-page.js'),
  'participant-admin': () => import('../pages/participant-admin/participant-admin-page.js'),
  'access-log': () => import('../pages/access-log/access-log-page.js'),
  registration: () => import('../pages/registration/registration-page.js'),
  surveys: () => import('../pages/surveys/surveys-page.js'),
  survey: () => import('../pages/surveys/survey-results-page.js'),
  'participant-surveys': () => import('../pages/surveys/survey-answers.js'),
};

const started = new Map<Route['name'], Promise<unknown>>();

/** Starts loading the page's chunk (once); a failure is reported to `onFailure` (a new deployment, the network). */
export function loadPage(name: Route['name'], onFailure: (error: unknown) => void): void {
  const loader = LOADERS[name];
  if (!loader || started.has(name)) return;
  const loading = loader().catch((error: unknown) => {
    started.delete(name);
    onFailure(error);
  });
  started.set(name, loading);
}
