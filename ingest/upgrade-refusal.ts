import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../agent-protocol/index.js';
import type { AuthResult } from './device-authenticator.js';
import type { IngestMetrics } from './metrics.js';
import { protocolError } from './protocol-replies.js';

/**
 * Closing an agent's WebSocket that may not stay: a refused credential or subprotocol gets the error
 * message, then the close code that names it (PROTOCOL.md §9).
 */
type Refusal =
  Extract<AuthResult, { ok: false }> | { ok: false; code: 'internal_error'; message: string; uninstall?: undefined };

export function refuseConnection(
  socket: WebSocket,
  metrics: IngestMetrics,
  code: Parameters<typeof protocolError>[0],
  message: string,
  closeCode: number,
): void {
  metrics.messagesRefused.labels('websocket', code).inc();
  socket.resume(); // the close handshake needs the agent's reply to be read
  socket.send(JSON.stringify(protocolError(code, message)));
  socket.close(closeCode, closeReason(message));
}

/** A credential refused on upgrade; a device revoked because its participant left learns to uninstall first. */
export function refuseCredential(socket: WebSocket, metrics: IngestMetrics, refusal: Refusal): void {
  const closeCode =
    refusal.code === 'credential_revoked'
      ? CLOSE_CODES.credentialRevoked
      : refusal.code === 'internal_error'
        ? CLOSE_CODES.internalError
        : CLOSE_CODES.invalidCredential;
  // It learns even if it was offline when the participant left.
  if (refusal.code === 'credential_revoked' && refusal.uninstall) {
    socket.send(
      JSON.stringify({
        v: PROTOCOL_VERSION,
        type: 'command',
        commandId: randomUUID(),
        command: { kind: 'uninstall', reason: refusal.message },
      }),
    );
  }
  refuseConnection(socket, metrics, refusal.code, refusal.message, closeCode);
}

/** A WebSocket close reason may hold at most 123 bytes of UTF-8; cut at a character boundary. */
export function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  if (bytes.length <= 123) return text;
  let end = 120;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return `${bytes.subarray(0, end).toString('utf8')}…`.slice(0, 123);
}
