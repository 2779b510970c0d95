import { Presets, SingleBar } from 'cli-progress';

/** Where a rebuild reports how far it got: a terminal bar, log lines, or nothing. */
export interface ProgressSink {
  start(head: bigint): void;
  update(position: bigint, eventsDone: number): void;
  stop(): void;
}

export const silentProgress: ProgressSink = { start: () => undefined, update: () => undefined, stop: () => undefined };

/**
 * A cli-progress bar: log position reached out of the head position, events done, and the rate.
 * Off a terminal it still prints a line now and then, so a piped or logged rebuild shows life.
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  const bar = new SingleBar(
    {
      format: 'rebuilding read models |{bar}| {percentage}% | position {value}/{total} | {events} events | {rate} events/s | ETA {eta_formatted}',
      stream,
      noTTYOutput: true,
      notTTYSchedule: 1000,
      hideCursor: true,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  let startedAt = 0;
  return {
    start(head) {
      startedAt = Date.now();
      bar.start(Math.max(1, Number(head)), 0, { events: 0, rate: '0' });
    },
    update(position, eventsDone) {
      const seconds = (Date.now() - startedAt) / 1000;
      bar.update(Number(position), { events: eventsDone, rate: seconds > 0 ? Math.round(eventsDone / seconds).toString() : '0' });
    },
    stop() {
      bar.stop();
    },
  };
}

/** For a service whose output is a log, not a terminal: one line every `everyMs`. */
export function logProgress(log: (line: string) => void, everyMs = 2000): ProgressSink {
  let head = 0n;
  let last = 0;
  return {
    start(h) {
      head = h;
      log(`rebuilding read models: 0/${h}`);
    },
    update(position, eventsDone) {
      if (Date.now() - last < everyMs) return;
      last = Date.now();
      log(`rebuilding read models: position ${position}/${head}, ${eventsDone} events`);
    },
    stop() {
      log('rebuilding read models: caught up');
    },
  };
}
