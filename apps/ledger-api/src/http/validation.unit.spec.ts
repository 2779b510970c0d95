import 'reflect-metadata';
import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import fc from 'fast-check';
import { PledgesQueryDto } from '../read-side/dto/filters.dto';
import { BitemporalQueryDto } from '../read-side/dto/read-query.dto';
import { ledgerValidationPipe } from './validation';

describe('the validation pipe on query strings', () => {
  const pipe = ledgerValidationPipe();
  const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'query', metatype });
  const refusal = async (value: object, metatype = PledgesQueryDto) => {
    try {
      await pipe.transform(value, query(metatype));
    } catch (error) {
      return (error as BadRequestException).getResponse();
    }
    throw new Error('accepted');
  };

  it('gives a query it has seen before the same DTO as the first time, transformed, as an object of its own', async () => {
    const first = (await pipe.transform({ limit: '20', asOf: '2016' }, query(PledgesQueryDto))) as PledgesQueryDto;
    const again = (await pipe.transform({ limit: '20', asOf: '2016' }, query(PledgesQueryDto))) as PledgesQueryDto;
    expect(first).toBeInstanceOf(PledgesQueryDto);
    expect(again).toBeInstanceOf(PledgesQueryDto);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    expect(again.limit).toBe(20);
    expect(again.asOf).toBe('2016-12-31');
    again.limit = 99; // a handler changing its copy changes nobody else's
    expect(((await pipe.transform({ limit: '20', asOf: '2016' }, query(PledgesQueryDto))) as PledgesQueryDto).limit).toBe(20);
  });

  it('refuses a bad query every time it is sent, naming the field, even after accepting others', async () => {
    await pipe.transform({ limit: '20' }, query(PledgesQueryDto));
    for (let i = 0; i < 2; i++) {
      expect(await refusal({ limit: '0' })).toMatchObject({ code: 'REQUEST.INVALID', details: [{ field: 'limit', rule: 'min' }] });
      expect(await refusal({ limit: '20', colour: 'red' })).toMatchObject({ details: [{ field: 'colour', rule: 'unknownField' }] });
    }
  });

  it('keeps each DTO\'s rules apart: a query accepted for the board is still judged by the rules of another route', async () => {
    await pipe.transform({ status: 'agreed' }, query(PledgesQueryDto));
    expect(await refusal({ status: 'agreed' }, BitemporalQueryDto)).toMatchObject({ details: [{ field: 'status', rule: 'unknownField' }] });
  });

  describe('fields judged alone (asOf, knownAt, minPosition, cursor)', () => {
    const transform = (p: ValidationPipe, value: object) =>
      p.transform(value, query(PledgesQueryDto)).then(
        (dto) => ({ dto: { ...(dto as object) } }),
        (error: BadRequestException) => ({ refused: error.getResponse() }),
      );

    it('validates a shape once whatever its asOf, knownAt and cursor, each request holding its own values', async () => {
      const full = jest.spyOn(ValidationPipe.prototype, 'transform');
      try {
        const warm = ledgerValidationPipe();
        await warm.transform({ limit: '20', asOf: '2016', knownAt: '2025-01-01T00:00:00Z' }, query(PledgesQueryDto));
        full.mockClear();
        const days = ['2017-03', '2020-02-29', '2012/2016', '2031-12-31'];
        for (const [i, day] of days.entries()) {
          const dto = (await warm.transform({ limit: '20', asOf: day, knownAt: `2025-01-0${i + 1}T00:00:00Z` }, query(PledgesQueryDto))) as PledgesQueryDto;
          expect(dto).toBeInstanceOf(PledgesQueryDto);
          expect({ ...dto }).toEqual({ limit: 20, asOf: ['2017-03-31', '2020-02-29', '2016-12-31', '2031-12-31'][i], knownAt: `2025-01-0${i + 1}T00:00:00Z` });
        }
        expect(full).not.toHaveBeenCalled();
        // Another shape (asOf absent, another limit) is validated in full once.
        expect({ ...((await warm.transform({ limit: '21', knownAt: '2025-01-01T00:00:00Z' }, query(PledgesQueryDto))) as object) }).toEqual({ limit: 21, knownAt: '2025-01-01T00:00:00Z' });
        expect(full).toHaveBeenCalledTimes(1);
      } finally {
        full.mockRestore();
      }
    });

    it('refuses a bad value of a field judged alone on a shape accepted before, with the 400 naming the field and rule', async () => {
      await pipe.transform({ limit: '20', asOf: '2016-12-31', cursor: 'abc' }, query(PledgesQueryDto));
      expect(await refusal({ limit: '20', asOf: '2016-02-30', cursor: 'abc' })).toMatchObject({ code: 'REQUEST.INVALID', details: [{ field: 'asOf', rule: 'isFullDate' }] });
      expect(await refusal({ limit: '20', asOf: ['2016', '2017'], cursor: 'abc' })).toMatchObject({ details: [{ field: 'asOf', rule: 'isFullDate' }] });
      expect(await refusal({ limit: '20', asOf: '2016-12-31', cursor: 'a b' })).toMatchObject({ details: [{ field: 'cursor', rule: 'matches' }] });
      expect(await refusal({ limit: '20', asOf: '2016-12-31', knownAt: '2025-01-01T00:00:00' })).toMatchObject({ details: [{ field: 'knownAt', rule: 'isInstant' }] });
      expect(await refusal({ limit: '20', asOf: '2016-12-31', minPosition: '-1' })).toMatchObject({ details: [{ field: 'minPosition', rule: 'matches' }] });
      // A good asOf does not carry a bad rest through.
      expect(await refusal({ limit: '0', asOf: '2016-12-31', cursor: 'abc' })).toMatchObject({ details: [{ field: 'limit', rule: 'min' }] });
    });

    it('answers every value of those fields as validating it in full would, on a warm shape', async () => {
      const warm = ledgerValidationPipe();
      await warm.transform({ limit: '20', asOf: '2016', knownAt: '2025-01-01T00:00:00Z', minPosition: '1', cursor: 'abc' }, query(PledgesQueryDto));
      const digits = (n: number, max: number) => fc.integer({ min: 0, max }).map((x) => String(x).padStart(n, '0'));
      const date = fc.oneof(
        fc.tuple(digits(4, 9999), digits(2, 13), digits(2, 32)).map(([y, m, d]) => `${y}-${m}-${d}`),
        fc.tuple(digits(4, 9999), digits(2, 13)).map(([y, m]) => `${y}-${m}`),
        digits(4, 9999),
        fc.tuple(digits(4, 2100), digits(4, 2100)).map(([a, b]) => `${a}/${b}`),
        fc.string(),
      );
      const instant = fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), date.map((d) => `${d}T10:00:00+01:00`), fc.string());
      const position = fc.oneof(fc.bigInt({ min: -1n, max: 10n ** 20n }).map(String), fc.string());
      const cursor = fc.oneof(fc.base64String(), fc.string());
      await fc.assert(
        fc.asyncProperty(fc.record({ asOf: date, knownAt: instant, minPosition: position, cursor }, { requiredKeys: [] }), async (fields) => {
          const value = { limit: '20', ...fields };
          expect(await transform(warm, value)).toEqual(await transform(ledgerValidationPipe(), value));
        }),
        { numRuns: 300 },
      );
    });
  });
});
