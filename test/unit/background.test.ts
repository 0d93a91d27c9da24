import { describe, expect, it } from 'vitest';
import { createBackground } from '../../electron/app/background';
import type { Logger } from '../../electron/log/logger';

function recordingLogger(lines: string[]): Logger {
  const log: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (event, fields) => void lines.push(`${event} ${JSON.stringify(fields)}`),
    error: () => undefined,
    child: () => log,
    addSecret: () => undefined,
    close: () => undefined,
  };
  return log;
}

describe('background work the core does not await', () => {
  it('stop waits for it (a catalogue sync must not outlive the ledger)', async () => {
    const bg = createBackground(recordingLogger([]));
    let done = false;
    bg.run('slow', () => new Promise<void>((r) => setTimeout(() => ((done = true), r()), 30)));
    await bg.idle(5_000);
    expect(done).toBe(true);
  });

  it('a failure is logged, not an unhandled rejection; a task that never ends is given up after the grace', async () => {
    const lines: string[] = [];
    const bg = createBackground(recordingLogger(lines));
    bg.run('broken', async () => {
      throw new TypeError('The database connection is not open');
    });
    bg.run('stuck', () => new Promise<never>(() => undefined));
    await bg.idle(20);
    expect(lines).toEqual(['background.failed {"task":"broken","error":"The database connection is not open"}']);
  });
});
