/** The simulator's public API, for tests, the demo mode and the benchmark. */
export { planOffice, type OfficePlan, type OfficePlanOptions } from './office-plan.js';
export {
  runSimulator,
  type RunSimulatorOptions,
  type SimulatorParticipant,
  type SimulatorProgress,
  type SimulatorResult,
  type SimulatedDeviceSummary,
} from './run-simulator.js';
export { measureWorkload, type WorkloadStats } from './workload-stats.js';
export { KNOWN_BAD_SITES, type IncidentKind, type IncidentIndicators } from './incident-scenarios.js';
export type { PlantedIncident } from './incident-plan.js';
export type { ParticipantSpec, SimulatedDevice, SimulatedParticipant } from './office-roster.js';
export { HEALTH_CHECK_IDS } from './health-checks.js';
export { SEQ_PER_DAY, EVENTS_PER_BUSY_HOUR } from './device-day-events.js';
export { jstDayStart, calendarDay, type CalendarDay } from './japan-calendar.js';
export { randomFor, SeededRandom, type Seed } from './seeded-random.js';
