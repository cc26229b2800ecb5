/**
 * The dashboard's addresses as pure data: which page an address names, and which role may open it.
 * No DOM here, so the landing rules (landing.ts) are tested without a browser.
 */
export interface Route {
  name:
    | 'login'
    | 'fleet'
    | 'devices'
    | 'device'
    | 'explorer'
    | 'inventory'
    | 'report'
    | 'policies'
    | 'detection-rules'
    | 'lists'
    | 'tickets'
    | 'ticket-new'
    | 'ticket'
    | 'desk'
    | 'deletions'
    | 'cross-search'
    | 'notices'
    | 'participant-notices'
    | 'outreach'
    | 'apply'
    | 'application'
    | 'applications'
    | 'participant-admin'
    | 'access-log'
    | 'registration'
    | 'password'
    | 'terms'
    | 'public-notices'
    | 'maintenance'
    | 'trial-settings'
    | 'operator-accounts'
    | 'surveys'
    | 'survey'
    | 'participant-surveys'
    | 'not_found';
  params: Record<string, string>;
  query: URLSearchParams;
}

const PATTERNS: [Route['name'], RegExp][] = [
  ['login', /^\/login$/],
  ['fleet', /^\/(?:fleet)?$/],
  ['devices', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/devices$/],
  ['device', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/devices\/(?<deviceId>[0-9a-f-]{36})$/],
  ['explorer', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/explorer$/],
  ['inventory', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/inventory$/],
  // query: days (7 | 30 | 90), print=1 (the print layout on screen, for the PDF renderer)
  ['report', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/report$/],
  // query: policy (a policy id, or "new")
  ['policies', /^\/policies$/],
  // Detection rules (Sigma; query: rule, a rule id or "new") and the lists policies and rules read
  ['detection-rules', /^\/detection-rules$/],
  ['lists', /^\/lists$/],
  // query: show (open | done | all)
  ['tickets', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/tickets$/],
  // "new" before a ticket's id
  ['ticket-new', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/tickets\/new$/],
  ['ticket', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/tickets\/(?<ticketId>[0-9a-f-]{36})$/],
  ['desk', /^\/desk$/],
  ['deletions', /^\/deletions$/],
  // One search over every participant taking part, or a chosen set (operators; query: q, range | from+to, participants)
  ['cross-search', /^\/investigation$/],
  // The notice centre (operators) and one participant's notices (its portal, terms art. 21)
  ['notices', /^\/notices$/],
  ['participant-notices', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/notices$/],
  // The desk reaches out (operators); query: q, from, to (ISO), device: the search to attach as evidence
  ['outreach', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/outreach$/],
  // Public: the application form (art. 3) and its follow-up (the applicant's token in the fragment, #token=…)
  ['apply', /^\/apply$/],
  ['application', /^\/apply\/(?<applicationId>[0-9a-f-]{36})$/],
  // Operators: the application queue, and a participant's page (secrets, portal users, details)
  ['applications', /^\/applications$/],
  ['participant-admin', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/admin$/],
  // Who at the desk looked at the participant's data (art. 15)
  ['access-log', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/access-log$/],
  // The participant's own record: registered details with history, users, documents, withdrawal (art. 6, 20 (7))
  ['registration', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/registration$/],
  // Any signed-in user changes its own password, at any time
  ['password', /^\/password$/],
  // Maintenance windows and suspensions of the service (operators, art. 8)
  ['maintenance', /^\/maintenance$/],
  // The trial period and its stop (operators, art. 1, 19)
  ['trial-settings', /^\/settings\/trial$/],
  // The desk's operator accounts: add, disable, enable, reset, unlock (operators)
  ['operator-accounts', /^\/settings\/operators$/],
  // Surveys and interviews (art. 3 (3)(5), 23 (2)): operators create them and read the answers; the portal answers
  ['surveys', /^\/surveys$/],
  ['survey', /^\/surveys\/(?<surveyId>[0-9a-f-]{36})$/],
  ['participant-surveys', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/surveys$/],
  // Public, no sign-in: the terms in force and past versions (art. 2; query: version), trial-wide notices (21 (1))
  ['terms', /^\/terms$/],
  ['public-notices', /^\/public\/notices$/],
];

/** The page an address names (a trailing slash is the same address). */
export function routeOf(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  for (const [name, pattern] of PATTERNS) {
    const match = pattern.exec(path);
    if (match) return { name, params: { ...(match.groups ?? {}) }, query: new URLSearchParams(search) };
  }
  return { name: 'not_found', params: {}, query: new URLSearchParams(search) };
}

/** Pages anyone opens without signing in. */
export const PUBLIC_ROUTES: ReadonlySet<Route['name']> = new Set<Route['name']>([
  'apply',
  'application',
  'terms',
  'public-notices',
]);

/** Pages of the desk's own work: a participant's user may not open them (the server refuses their data too). */
export const OPERATOR_ONLY_ROUTES: ReadonlySet<Route['name']> = new Set<Route['name']>([
  'fleet',
  'policies',
  'detection-rules',
  'lists',
  'desk',
  'deletions',
  'cross-search',
  'notices',
  'outreach',
  'applications',
  'participant-admin',
  'maintenance',
  'trial-settings',
  'operator-accounts',
  'surveys',
  'survey',
]);
