/**
 * The ledger service's public face for other programs in this repository (the command-line tool):
 * what they may use of the app, so that none of them reaches into its folders by relative path.
 */
export { validateEnvironment, type Environment } from './config/environment';
export type { SeedReport } from './seeding/seed-loader.service';

/** The Nest application and its seed loader, loaded on demand: they pull in the whole service. */
export async function loadApplication() {
  const [{ AppModule }, { SeedLoader }] = await Promise.all([import('./app.module'), import('./seeding/seed-loader.service')]);
  return { AppModule, SeedLoader };
}
