/**
 * The real ledger app for the HTTP benches, started as its own process (the load comes from the
 * bench process over loopback). It is main.ts's app — same module, same configureApp, same
 * logger — plus one bench-only controller: the bare endpoint that returns a constant, the
 * baseline every HTTP figure is divided by. Started with fork(): it reports its port over IPC,
 * and answers event-loop-delay questions over IPC (so measuring does not go through the server
 * being measured).
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { AppModule } from '../../apps/ledger-api/src/app.module';
import { RequireRole } from '../../apps/ledger-api/src/auth/roles.decorator';
import { configureApp } from '../../apps/ledger-api/src/http/configure-app';

/** The baseline: the same Nest app, pipeline, guards (a clerk's token, as the writes send) and logger, and no work at all. */
@Controller('bench')
class BareController {
  @Get('bare')
  @RequireRole('clerk')
  bare() {
    return { ok: true };
  }
}

@Module({ imports: [AppModule.forRoot()], controllers: [BareController] })
class BenchAppModule {}

/** Messages between the bench and this process. */
export type ToServer = { type: 'eld-reset' } | { type: 'eld-read' } | { type: 'stop' };
export type FromServer =
  | { type: 'ready'; port: number }
  | { type: 'eld'; maxMs: number; p99Ms: number; meanMs: number; count: number }
  | { type: 'stopped' };

/**
 * With BENCH_CPU_PROF_DIR set, a CPU profile from the moment the app listens to its stop (so that
 * start-up and ts-node's compiling stay out of it); returns the function that writes it.
 */
function profileFromHere(): () => void {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  if (!dir) return () => undefined;
  const session = new Session();
  session.connect();
  session.post('Profiler.enable', () => session.post('Profiler.start'));
  return () =>
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `app-server.${process.env.BENCH_SERVER_LABEL ?? 'app'}.${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
}

async function start(): Promise<void> {
  const app = await NestFactory.create(BenchAppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const writeProfile = profileFromHere();
  // 1 ms resolution: the timer fires every ms, so a block shows as its length + ~1 ms.
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const send = (message: FromServer) => process.send?.(message);
  process.on('message', (message: ToServer) => {
    if (message.type === 'eld-reset') {
      delay.reset();
      send({ type: 'eld', maxMs: 0, p99Ms: 0, meanMs: 0, count: 0 });
    } else if (message.type === 'eld-read') {
      send({ type: 'eld', maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, meanMs: delay.mean / 1e6, count: delay.count });
    } else if (message.type === 'stop') {
      delay.disable();
      writeProfile(); // synchronous: the inspector session answers on this thread
      void app.close().then(() => {
        send({ type: 'stopped' });
        process.exit(0); // writes the --cpu-prof profile, if asked for
      });
    }
  });
  send({ type: 'ready', port });
}

// Only as a process of its own (the harness imports this file's types, never its code).
if (require.main === module) {
  start().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
