import { call, LedgerService } from './support/ledger-service';
import { brokenMinutes, documentPledge, minutes, readLog, setUpReferenceData } from './support/workload';

export interface PledgeRaceFigures {
  races: number;
  oneWinnerOneConflict: number;
  brokenRecords: number;
  loserWroteSomething: number;
  failedRestarts: number;
  attentionAfterRestart: number;
  examples: string[];
}

/**
 * Races of two writers naming the same new pledge id over HTTP: two minutes (each with a pledge
 * of its own too), and every fourth race minutes against POST /v1/pledges. Then the service is
 * killed and restarted, which must succeed with nothing needing attention.
 */
export async function runPledgeRaces(dataDir: string, races: number): Promise<PledgeRaceFigures> {
  const service = new LedgerService(dataDir);
  await service.start();
  await setUpReferenceData(service.url);
  const figures: PledgeRaceFigures = { races, oneWinnerOneConflict: 0, brokenRecords: 0, loserWroteSomething: 0, failedRestarts: 0, attentionAfterRestart: 0, examples: [] };
  const losers: string[] = [];
  for (let r = 0; r < races; r++) {
    const shared = `race-${r}-shared`;
    const a = { path: '/v1/meetings', body: minutes(`race-${r}-a`, [`race-${r}-a-own`, shared]), streams: [`meeting-race-${r}-a`, `pledge-race-${r}-a-own`] };
    const b = r % 4 === 3
      ? { path: '/v1/pledges', body: documentPledge(shared), streams: [] as string[] }
      : { path: '/v1/meetings', body: minutes(`race-${r}-b`, [shared, `race-${r}-b-own`]), streams: [`meeting-race-${r}-b`, `pledge-race-${r}-b-own`] };
    const [ra, rb] = await Promise.all([a, b].map((w, i) => call(service.url, 'POST', w.path, w.body, { 'Idempotency-Key': `race-${r}-${i}` })));
    const statuses = [ra.status, rb.status].sort().join(',');
    if (statuses === '201,409') {
      figures.oneWinnerOneConflict++;
      const loser = ra.status === 409 ? a : b;
      losers.push(...loser.streams);
    } else if (figures.examples.length < 5) figures.examples.push(`race ${r}: ${ra.status} ${JSON.stringify(ra.body?.code)} / ${rb.status} ${JSON.stringify(rb.body?.code)}`);
  }
  await service.kill();
  try {
    await service.start();
  } catch (error) {
    figures.failedRestarts++;
    figures.examples.push(String(error).slice(0, 500));
  }
  if (service.running) {
    figures.attentionAfterRestart = ((await call(service.url, 'GET', '/health')).body?.attention ?? []).length;
    await service.stop();
  }
  const log = await readLog(dataDir);
  const broken = brokenMinutes(log);
  const streams = new Set(log.map((e) => e.streamId));
  const loserWrites = losers.filter((s) => streams.has(s));
  figures.brokenRecords = broken.length + loserWrites.length;
  figures.loserWroteSomething = loserWrites.length;
  figures.examples.push(...broken.slice(0, 3), ...loserWrites.slice(0, 3).map((s) => `loser wrote ${s}`));
  return figures;
}
