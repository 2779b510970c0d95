/**
 * Growing columns of numbers in typed arrays: the ledger index keeps a few values per entry for
 * every entry of the log, and a million small arrays or BigInts cost ~10x their bytes in heap
 * objects and garbage-collection time.
 */
type Typed = BigInt64Array | Uint32Array;

function grown<T extends Typed>(array: T, length: number, make: (n: number) => T): T {
  if (length < array.length) return array;
  const bigger = make(Math.max(array.length * 2, length + 1));
  bigger.set(array as never);
  return bigger;
}

/** Store positions, in the order they were indexed. */
export class PositionColumn {
  private values = new BigInt64Array(1024);
  length = 0;

  push(value: bigint): void {
    this.values = grown(this.values, this.length, (n) => new BigInt64Array(n));
    this.values[this.length++] = value;
  }

  at(i: number): bigint | undefined {
    return i >= 0 && i < this.length ? this.values[i] : undefined;
  }
}

/** Non-negative integers below 2^32, by index; unset ones read 0. */
export class UintColumn {
  private values = new Uint32Array(1024);

  set(i: number, value: number): void {
    this.values = grown(this.values, i, (n) => new Uint32Array(n));
    this.values[i] = value;
  }

  at(i: number): number {
    return i < this.values.length ? this.values[i] : 0;
  }
}
