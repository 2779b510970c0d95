import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { Coverage } from '@concordat/read-models';
import { CoverageView } from '../../read-side/dto/common.response';
import type { CsvValue } from './csv';
import { EXPORTED_REPORTS, type Column, type ExportedReport } from './export-tables';

export class ExportColumnView implements Column {
  @ApiProperty({ example: 'status' })
  name!: string;
  @ApiProperty({ example: 'Status in effect on asOf' })
  description!: string;
}

export class ExportView {
  @ApiProperty({ enum: EXPORTED_REPORTS, example: 'pledges' })
  report!: ExportedReport;
  @ApiProperty({ example: '2016-12-31', format: 'date' })
  asOf!: string;
  @ApiProperty({ type: String, nullable: true, example: null, format: 'date-time' })
  knownAt!: string | null;
  @ApiProperty({ type: CoverageView, description: 'Where the record begins and ends: silence after `to` is not a finding' })
  coverage!: Coverage;
  @ApiProperty({ type: [ExportColumnView], description: 'The CSV header, in order, with what each column means' })
  columns!: ExportColumnView[];
  /** Documented per export in its own response schema, column by column (see exportJsonSchema). */
  rows!: Array<Record<string, CsvValue>>;
}

/** The JSON export's schema for one report: the envelope, and rows typed column by column. */
export function exportJsonSchema(columns: Column[]) {
  const cell = (c: Column) => ({ description: c.description, oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }] });
  return {
    allOf: [
      { $ref: getSchemaPath(ExportView) },
      { type: 'object', properties: { rows: { type: 'array', description: 'One object per CSV row, keyed by column name', items: { type: 'object', properties: Object.fromEntries(columns.map((c) => [c.name, cell(c)])), required: columns.map((c) => c.name) } } } },
    ],
  };
}
