import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ForumActivityQueryDto, InheritedQueryDto, MeetingsQueryDto, PledgesQueryDto, PrioritiesQueryDto, PriorityChangesQueryDto } from '../../read-side/dto/filters.dto';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const PAGING = ['limit', 'offset', 'cursor'] as const;

/** Exports take the report's own filters and both clocks, never paging: an export is the whole answer. */
function FormatParam(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ enum: EXPORT_FORMATS, example: 'csv', description: 'csv or json; without it, `Accept: text/csv` picks CSV and anything else JSON' })(target, key);
    IsOptional()(target, key);
    IsIn([...EXPORT_FORMATS], { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })(target, key);
  };
}

export class PledgesExportQuery extends OmitType(PledgesQueryDto, PAGING) {
  @FormatParam() format?: ExportFormat;
}
export class MeetingsExportQuery extends OmitType(MeetingsQueryDto, PAGING) {
  @FormatParam() format?: ExportFormat;
}
export class PrioritiesExportQuery extends OmitType(PrioritiesQueryDto, PAGING) {
  @FormatParam() format?: ExportFormat;
}
export class PriorityChangesExportQuery extends OmitType(PriorityChangesQueryDto, PAGING) {
  @FormatParam() format?: ExportFormat;
}
export class InheritedExportQuery extends OmitType(InheritedQueryDto, PAGING) {
  @FormatParam() format?: ExportFormat;
}
export class ForumActivityExportQuery extends OmitType(ForumActivityQueryDto, PAGING) {
  @FormatParam() format?: ExportFormat;
}
