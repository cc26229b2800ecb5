import { describe, expect, it, vi } from 'vitest';
import { CapacityGate } from '../../ingest/capacity-gate.js';
import { WAIT_LIMIT_MS } from '../support/until.js';

describe('the capacity gate', () => {
  it('admits at once while storage keeps up', async () => {
    expect(await new CapacityGate(() => false).acquire(1000)).toBe(true);
  });

  it('admits waiters in arrival order once storage catches up, one at a time', async () => {
    let queued = 10; // behind while queued > 5
    const gate = new CapacityGate(() => queued > 5, 5);
    const order: number[] = [];
    const waits = [0, 1, 2, 3].map((i) =>
      gate.acquire(WAIT_LIMIT_MS).then((admitted) => {
        order.push(i);
        queued += 3; // the admitted batch queues its rows before the next one is considered
        return admitted;
      }),
    );
    expect(gate.waiting).toBe(4);
    queued = 0; // storage catches up: two are admitted, and their rows put it behind again
    await vi.waitFor(() => expect(gate.waiting).toBe(2), { timeout: WAIT_LIMIT_MS });
    expect(order).toEqual([0, 1]);
    queued = 0;
    expect(await Promise.all(waits)).toEqual([true, true, true, true]);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('refuses a waiter after its timeout and everyone on refuseAll', async () => {
    const gate = new CapacityGate(() => true, 5);
    expect(await gate.acquire(30)).toBe(false);
    const waiting = gate.acquire(10_000);
    gate.refuseAll();
    expect(await waiting).toBe(false);
    expect(gate.waiting).toBe(0);
  });
});
