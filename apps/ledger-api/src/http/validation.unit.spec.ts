import 'reflect-metadata';
import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
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
});
