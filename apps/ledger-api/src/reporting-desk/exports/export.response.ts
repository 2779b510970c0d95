import { ApiProperty } from '@nestjs/swagger';
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
  @ApiProperty({ type: [ExportColumnView], description: 'The CSV header, in order, with what each column means' })
  columns!: ExportColumnView[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true } },
    description: 'One object per CSV row, keyed by column name',
    example: [{ id: 'us-mx-security-cooperation-group-3-pledge-1', status: 'in_progress' }],
  })
  rows!: Array<Record<string, CsvValue>>;
}
