// The shared cancellation flags, both halves in one thread: the host's slots (task-slots.ts) and
// the worker's reader (sharedCancellation) over the same SharedArrayBuffer.
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../main/core/contract/index.js';
import { localCancellation, sharedCancellation, noCancellation } from '../../main/core/host/cancellation.js';
import { answerTaskCancel, createTaskSlots, taskIdOf } from '../../main/core/host/task-slots.js';

describe('task slots and the shared flags', () => {
  it('cancels the running call that carries the task id, and only inside that call', () => {
    const slots = createTaskSlots(4);
    const worker = sharedCancellation(slots.buffer);
    const ticket = slots.begin('w1', { taskId: ' t-1 ' })!;
    expect(ticket).toMatchObject({ taskId: 't-1' });
    worker.runTask(ticket, () => expect(worker.isCancelled('t-1')).toBe(false));
    expect(slots.cancel('w1', 't-1')).toBe(true);
    worker.runTask(ticket, () => {
      expect(worker.isCancelled('t-1')).toBe(true);
      expect(worker.isCancelled('t-2')).toBe(false);
      expect(worker.isCancelled(null)).toBe(false);
      expect(() => worker.throwIfCancelled('t-1')).toThrow(new CoreError('cancelled', 'Import cancelled; nothing was imported.'));
    });
    // Outside the call (or in another call) nothing is cancelled.
    expect(worker.isCancelled('t-1')).toBe(false);
    worker.runTask(null, () => expect(worker.isCancelled('t-1')).toBe(false));
  });

  it("keeps clients apart: one window cannot cancel another's task of the same id", () => {
    const slots = createTaskSlots(4);
    const worker = sharedCancellation(slots.buffer);
    const a = slots.begin('w1', { taskId: 'same' })!;
    const b = slots.begin('w2', { taskId: 'same' })!;
    expect(slots.cancel('w2', 'same')).toBe(true);
    worker.runTask(a, () => expect(worker.isCancelled('same')).toBe(false));
    worker.runTask(b, () => expect(worker.isCancelled('same')).toBe(true));
    expect(slots.cancel('w3', 'same')).toBe(false);
  });

  it('reuses a freed slot with a new generation, so an old cancellation never reaches a new call', () => {
    const slots = createTaskSlots(1);
    const worker = sharedCancellation(slots.buffer);
    const first = slots.begin('w1', { taskId: 'x' })!;
    slots.cancel('w1', 'x');
    slots.end('w1', first);
    expect(slots.cancel('w1', 'x')).toBe(false);
    const second = slots.begin('w1', { taskId: 'x' })!;
    expect(second.slot).toBe(first.slot);
    expect(second.generation).not.toBe(first.generation);
    worker.runTask(second, () => expect(worker.isCancelled('x')).toBe(false));
    // A late reader still holding the first ticket sees nothing of the second call either.
    slots.cancel('w1', 'x');
    worker.runTask(first, () => expect(worker.isCancelled('x')).toBe(false));
    worker.runTask(second, () => expect(worker.isCancelled('x')).toBe(true));
  });

  it('runs calls beyond the slots without a slot, and says so', () => {
    const exhausted: string[] = [];
    const slots = createTaskSlots(1, (id) => exhausted.push(id));
    expect(slots.begin('w1', { taskId: 'a' })).not.toBeNull();
    expect(slots.begin('w1', { taskId: 'b' })).toBeNull();
    expect(exhausted).toEqual(['b']);
    expect(slots.begin('w1', { companyId: 1 })).toBeNull();
  });

  it('reads task ids the way the contract does', () => {
    expect(taskIdOf({ taskId: '  a ' })).toBe('a');
    expect(taskIdOf({ taskId: '' })).toBeNull();
    expect(taskIdOf({ taskId: 'x'.repeat(65) })).toBeNull();
    expect(taskIdOf({ taskId: 7 })).toBeNull();
    expect(taskIdOf(null)).toBeNull();
    expect(taskIdOf('taskId')).toBeNull();
  });

  it('answers tasks.cancel like the contract method: logged in, valid input', () => {
    const slots = createTaskSlots(2);
    slots.begin('w1', { taskId: 'a' });
    expect(answerTaskCancel(slots, 'w1', false, { taskId: 'a' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(answerTaskCancel(slots, 'w1', true, { taskId: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(answerTaskCancel(slots, 'w1', true, { taskId: 'a', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(answerTaskCancel(slots, 'w1', true, { taskId: 'b' })).toEqual({ ok: true, value: { cancelled: false } });
    expect(answerTaskCancel(slots, 'w1', true, { taskId: 'a' })).toEqual({ ok: true, value: { cancelled: true } });
  });

  it('has an in-process and a no-op version for hosts without a worker', () => {
    const local = localCancellation();
    expect(local.cancel('t')).toBe(true);
    expect(local.isCancelled('t')).toBe(true);
    local.clear('t');
    expect(local.isCancelled('t')).toBe(false);
    expect(noCancellation.cancel('t')).toBe(false);
    expect(() => noCancellation.throwIfCancelled('t')).not.toThrow();
  });
});
