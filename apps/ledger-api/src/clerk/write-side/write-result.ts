import type { JsonObject } from '@concordat/shared-kernel';
import type { StreamWrite } from './aggregate-executor';

/** The JSON body of a write's answer (WriteResultDto), from the streams it touched. */
export function writeResult(id: string, writes: StreamWrite[], extra: JsonObject = {}): JsonObject {
  const position = writes.reduce((max, w) => (w.position > max ? w.position : max), 0n);
  const entryIds: string[] = [];
  for (const w of writes) {
    for (const e of w.events) {
      const entryId = (e.data as { entryId?: unknown }).entryId;
      if (typeof entryId === 'string' && /(StatusChanged|MoneyFactRecorded)$/.test(e.type)) entryIds.push(entryId);
    }
  }
  return {
    id,
    ...extra,
    streams: writes.map((w) => ({ streamId: w.streamId, revision: w.revision })),
    events: writes.flatMap((w) => w.events.map((e) => ({ id: e.id, type: e.type, streamId: w.streamId }))),
    position: position.toString(),
    entryIds,
  };
}
