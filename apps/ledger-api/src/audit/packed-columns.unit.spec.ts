import { PositionColumn, UintColumn } from './packed-columns';

describe('packed columns', () => {
  it('keep every position pushed, past each growth, and nothing beyond', () => {
    const positions = new PositionColumn();
    for (let i = 0; i < 5000; i++) positions.push(BigInt(i) * 3n + 2n ** 40n);
    expect(positions.length).toBe(5000);
    expect([0, 1023, 1024, 4999].map((i) => positions.at(i))).toEqual([0, 1023, 1024, 4999].map((i) => BigInt(i) * 3n + 2n ** 40n));
    expect(positions.at(5000)).toBeUndefined();
    expect(positions.at(-1)).toBeUndefined();
  });

  it('keep integers by index, unset ones 0', () => {
    const column = new UintColumn();
    column.set(3, 7);
    column.set(70_000, 2 ** 32 - 1);
    expect([column.at(3), column.at(4), column.at(70_000), column.at(1e9)]).toEqual([7, 0, 2 ** 32 - 1, 0]);
  });
});
