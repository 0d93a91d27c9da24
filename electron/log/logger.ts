// A scoped JSON-lines logger for the core. Every line passes through maskText, so a secret, a
// token or a card number cannot be logged by accident; there is no console.* in the core.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { maskText } from './mask';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export type Logger = {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(scope: string): Logger;
  /** Registers a value that must never appear in any line (e.g. a provider secret). */
  addSecret(value: string): void;
};

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LoggerOptions = {
  dir?: string;
  level?: LogLevel;
  /** Also echo warn/error lines to stderr (hosts do; tests do not). */
  stderr?: boolean;
  now?: () => number;
};

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = new Set<string>();
  const min = ORDER[options.level ?? 'info'];
  const now = options.now ?? Date.now;
  if (options.dir) mkdirSync(options.dir, { recursive: true });

  function write(scope: string, level: LogLevel, event: string, fields?: LogFields): void {
    if (ORDER[level] < min) return;
    const at = now();
    const line = maskText(JSON.stringify({ at: new Date(at).toISOString(), level, scope, event, ...fields }), secrets);
    if (options.dir) {
      const file = path.join(options.dir, `loket-${new Date(at).toISOString().slice(0, 10)}.log`);
      appendFileSync(file, line + '\n');
    }
    if (options.stderr && ORDER[level] >= ORDER.warn) process.stderr.write(line + '\n');
  }

  function scoped(scope: string): Logger {
    return {
      debug: (e, f) => write(scope, 'debug', e, f),
      info: (e, f) => write(scope, 'info', e, f),
      warn: (e, f) => write(scope, 'warn', e, f),
      error: (e, f) => write(scope, 'error', e, f),
      child: (s) => scoped(scope ? `${scope}.${s}` : s),
      addSecret: (v) => {
        if (v.length >= 4) secrets.add(v);
      },
    };
  }
  return scoped('');
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
  addSecret: () => undefined,
};
