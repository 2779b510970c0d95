import fc from 'fast-check';
import { scanJson, RAW_JSON_LIMITS } from './json-body';

/** The byte-by-byte scan scanJson replaced, kept here as the reference it must agree with. */
function scanByteByByte(raw: Buffer, limits = RAW_JSON_LIMITS): string | undefined {
  const counts: number[] = [];
  let values = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (counts.length >= limits.depth) return 'maxDepth';
      counts.push(1);
      values++;
    } else if (c === 0x7d || c === 0x5d) counts.pop();
    else if (c === 0x2c && counts.length > 0) {
      if (++counts[counts.length - 1] > limits.itemsPerContainer) return `maxItems ${i}`;
      if (++values > limits.values) return 'maxValues';
    }
  }
  return undefined;
}

function verdict(raw: Buffer, limits = RAW_JSON_LIMITS): string | undefined {
  try {
    scanJson(raw, limits);
    return undefined;
  } catch (error) {
    const detail = (error as { getResponse(): { details: Array<{ rule: string; message: string }> } }).getResponse().details[0];
    return detail.rule === 'maxItems' ? `maxItems ${/byte (\d+)/.exec(detail.message)![1]}` : detail.rule;
  }
}

describe('the JSON body scan', () => {
  const small = { depth: 4, itemsPerContainer: 3, values: 8 };
  const piece = fc.constantFrom('{', '}', '[', ']', ',', '"', '\\', 'a', ':', ' ', '1', '\\"', '"\\\\"');

  it('skips strings with indexOf and still finds exactly what the byte-by-byte scan found, escapes and unclosed strings included', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const raw = Buffer.from(pieces.join(''), 'utf8');
        expect(verdict(raw, small)).toBe(scanByteByByte(raw, small));
      }),
      { numRuns: 3000, seed: 11 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const raw = Buffer.from(JSON.stringify(value), 'utf8');
        expect(verdict(raw)).toBe(scanByteByByte(raw));
      }),
      { numRuns: 1000, seed: 12 },
    );
  });
});
