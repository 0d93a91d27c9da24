import type { Migration } from '../migrate';
export declare const migration0001: Migration;
