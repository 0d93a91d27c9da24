// What an import of the Electron package resolves to inside the core (electron/tsconfig.json,
// "paths"): a module with nothing in it, so any use of Electron here fails to compile. Only
// electron/main and electron/preload (their own projects) see the real package.
export type ElectronIsNotAvailableInTheCore = never;
