import type Database from 'better-sqlite3';
export type Migration = {
    version: number;
    name: string;
    sql: string;
};
/** In order; a new migration is appended here and never edited once released. */
export declare const MIGRATIONS: readonly Migration[];
export declare function schemaVersion(db: Database.Database): number;
export declare function migrate(db: Database.Database, migrations?: readonly Migration[]): number;
