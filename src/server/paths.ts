// The application's own files (not the user's data), found from the root of the checkout. This
// module sits two levels below the root (src/server/paths.ts, as tsx and the tests run it), and so
// does the compiled server, one bundle (build/server/main.js, scripts/compile-server.mjs): the same
// `../../` reaches the root from both, where a module's own import.meta.url would point into the
// bundle once compiled.
export const APP_ROOT = new URL('../../', import.meta.url);

/** A file or folder of the application by its path from the root (a folder ends with `/`). */
export const appFile = (fromRoot: string) => new URL(fromRoot, APP_ROOT);
