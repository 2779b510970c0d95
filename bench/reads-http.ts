/**
 * The HTTP half of the read benchmark: a Nest app (Express, as the service) over read models
 * already built, with a bare endpoint answering a constant beside the read endpoints, measured in
 * the same run, interleaved, by autocannon at 50 connections. The read endpoints answer through
 * the same `SqliteSource` and reports the service uses; the service's own guards, validation and
 * ETag handling are not in this app (they are per request constants, measured by the e2e suites).
 */
import { Controller, Get, Module, Param, Query, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import autocannon from 'autocannon';
import { ReadModelDb, SqliteSource, answerReport, meetingDetail, pledgeDetail } from '@concordat/read-models';

export type HttpFigure = { path: string; rps: number; p99: number };

let rm: ReadModelDb;
const source = (asOf?: string) => new SqliteSource(rm, asOf ?? '2025-06-01');

@Controller()
class BenchController {
  @Get('bare')
  bare() {
    return { ok: true, answer: 42 };
  }

  @Get('v1/pledges')
  pledges(@Query('asOf') asOf?: string) {
    return answerReport(source(asOf), 'pledges', {}, { limit: 20 });
  }

  @Get('v1/meetings')
  meetings(@Query('asOf') asOf?: string) {
    return answerReport(source(asOf), 'meetings', {}, { limit: 20 });
  }

  @Get('v1/pledges/:id')
  pledge(@Param('id') id: string) {
    return pledgeDetail(source(), id);
  }

  @Get('v1/meetings/:id')
  meeting(@Param('id') id: string) {
    return meetingDetail(source(), id);
  }
}

@Module({ controllers: [BenchController] })
class BenchModule {}

async function load(url: string, seconds: number): Promise<{ rps: number; p99: number }> {
  const result = await autocannon({ url, connections: 50, duration: seconds });
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/** Starts the app on the file, measures each path against /bare in alternating runs, stops. */
export async function measureHttp(file: string, paths: string[], seconds = 3, rounds = 2): Promise<{ bare: { rps: number; p99: number }; figures: HttpFigure[] }> {
  rm = ReadModelDb.open(file);
  const app: INestApplication = await NestFactory.create(BenchModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  try {
    const bare: Array<{ rps: number; p99: number }> = [];
    const figures = new Map<string, Array<{ rps: number; p99: number }>>();
    for (let r = 0; r < rounds; r++) {
      for (const path of paths) {
        bare.push(await load(`${base}/bare`, seconds));
        figures.set(path, [...(figures.get(path) ?? []), await load(`${base}${path}`, seconds)]);
      }
    }
    const mean = (xs: Array<{ rps: number; p99: number }>) => ({ rps: xs.reduce((a, b) => a + b.rps, 0) / xs.length, p99: xs.reduce((a, b) => a + b.p99, 0) / xs.length });
    return { bare: mean(bare), figures: [...figures].map(([path, xs]) => ({ path, ...mean(xs) })) };
  } finally {
    await app.close();
    rm.close();
  }
}
