import Database from 'better-sqlite3';
export type Ledger = Database.Database;
export type OpenLedgerOptions = {
    /** Path of an Electron-ABI better_sqlite3.node (the Electron host); Node uses the default build. */
    nativeBinding?: string;
};
export declare function openLedger(file: string, options?: OpenLedgerOptions): Ledger;
