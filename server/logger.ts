import pino, { type Logger } from 'pino';

/** Structured JSON logs on stdout (pino); one logger per process, children per component. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'yorozu' }, timestamp: pino.stdTimeFunctions.isoTime });
}
