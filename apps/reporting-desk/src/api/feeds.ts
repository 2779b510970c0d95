/// <reference lib="dom" />
import { authHeaders } from './http';

export type LedgerEntryVM = { position: string; type: string; entity: string | null };

const entryOf = (data: string): LedgerEntryVM => {
  const e = JSON.parse(data);
  return { position: e.position, type: e.type, entity: e.entity?.id ?? null };
};

/**
 * New ledger entries as they are recorded. EventSource resumes by itself but cannot send a
 * token; when reads need one, the stream is read with fetch and resumed with Last-Event-ID.
 */
export function watchLedgerEntries(onEntry: (entry: LedgerEntryVM) => void): void {
  const auth = authHeaders();
  if (!auth.Authorization) {
    if (typeof EventSource === 'undefined') return;
    new EventSource('/v1/feeds/ledger-entries').addEventListener('ledger-entry', (e) => onEntry(entryOf((e as MessageEvent).data)));
    return;
  }
  let last: string | undefined;
  const connect = async (): Promise<void> => {
    try {
      const res = await fetch('/v1/feeds/ledger-entries', { headers: { Accept: 'text/event-stream', ...auth, ...(last ? { 'Last-Event-ID': last } : {}) } });
      if (!res.ok || !res.body) throw new Error(String(res.status));
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, cut).split('\n');
          buffer = buffer.slice(cut + 2);
          const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (id && data) {
            last = id;
            onEntry(entryOf(data));
          }
        }
      }
    } catch {
      // fall through to a reconnect, as EventSource would
    }
    setTimeout(() => void connect(), 3000);
  };
  void connect();
}
