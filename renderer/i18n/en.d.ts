import type { Messages } from './id';
export declare const en: Messages;
