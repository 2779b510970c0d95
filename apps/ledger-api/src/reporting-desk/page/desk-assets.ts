import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where `npm run build` (apps/reporting-desk/build.mjs) puts the page: `<repo>/dist/reporting-desk`. */
export const DESK_BUILD_DIR = join('dist', 'reporting-desk');
/** The only files the page consists of; nothing else is served from the build folder. */
export const DESK_FILES = { 'index.html': 'text/html; charset=utf-8', 'desk.js': 'text/javascript; charset=utf-8', 'desk.css': 'text/css; charset=utf-8' } as const;
export type DeskFile = keyof typeof DESK_FILES;

/** The repository (or image) root: the nearest folder above this file holding package.json; same from src/ and from dist/. */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export function deskBuildDir(): string {
  return join(projectRoot(), DESK_BUILD_DIR);
}
